using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Tutorial.Engine.Kernels;

namespace Tutorial.Bench;

/// <summary>
/// 512-bit registers with the 6-row tile of the AVX2 kernel instead of 8 rows: lets the benchmarks show
/// what the taller tile buys on AVX-512 (`gemm-kernel`, `gemm-quick --impl rows6`).
/// </summary>
internal readonly struct Simd512Rows6<T> : IGemmSimd<T, Vector512<T>> where T : unmanaged
{
    public static int Count => Vector512<T>.Count;
    public static int KernelRows => 6;
    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> Load(T* source) => GemmSimd512<T>.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(T* destination, Vector512<T> value) => GemmSimd512<T>.Store(destination, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => GemmSimd512<T>.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => GemmSimd512<T>.Add(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> z) => GemmSimd512<T>.MultiplyAdd(x, y, z);
}
