using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The handful of SIMD operations the GEMM micro-kernel needs, behind one interface so that the
/// kernel is written once and compiled twice: for <see cref="Vector512{T}"/> (16 floats or 8 doubles
/// per register, on CPUs with AVX-512) and for <see cref="Vector{T}"/> (the machine's preferred width:
/// 8 floats with AVX2, 4 with NEON).
/// <para>How this costs nothing: the implementations are structs, and .NET compiles a separate copy of
/// a generic method for every struct type argument. Inside that copy <c>TSimd.MultiplyAdd</c> is a
/// direct call to a tiny method, which is inlined into one <c>vfmadd231ps</c> instruction.</para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TVec">The register type, e.g. <c>Vector512&lt;float&gt;</c>.</typeparam>
internal interface IGemmSimd<T, TVec> where T : unmanaged where TVec : struct
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }
    /// <summary>
    /// Rows of C per micro-kernel tile (MR). The tile keeps MR × 2 accumulators plus 2 registers of B and one
    /// broadcast of A in registers: 6 rows (15 registers) fit the 16 registers of AVX2, 8 rows (19) fit the
    /// 32 of AVX-512. Powers of two also suit the shapes layers use (batch 64, 128 features…).
    /// </summary>
    static abstract int KernelRows { get; }
    static abstract TVec Zero { get; }
    static abstract unsafe TVec Load(T* source);
    static abstract unsafe void Store(T* destination, TVec value);
    /// <summary>Every lane = <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(T value);
    static abstract TVec Add(TVec x, TVec y);
    /// <summary>x·y + z, rounded once (fused multiply-add) where the CPU has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec x, TVec y, TVec z);

}

/// <summary>512-bit registers (AVX-512): 16 floats or 8 doubles.</summary>
internal readonly struct GemmSimd512<T> : IGemmSimd<T, Vector512<T>> where T : unmanaged
{
    public static int Count => Vector512<T>.Count;
    public static int KernelRows => 8;
    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(T* destination, Vector512<T> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        // typeof(T) == typeof(float) is a constant in each compiled copy, so only one branch survives.
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return x * y + z;
    }
}

/// <summary><see cref="Vector{T}"/> registers: the portable width (256-bit on AVX2 machines).</summary>
internal readonly struct GemmSimdVector<T> : IGemmSimd<T, Vector<T>> where T : unmanaged
{
    /// <summary>Whether the CPU fuses multiply-add; without it Vector.FusedMultiplyAdd is emulated (slowly).</summary>
    public static bool HasFma => Fma.IsSupported || AdvSimd.IsSupported;

    public static int Count => Vector<T>.Count;
    public static int KernelRows => 6;
    public static Vector<T> Zero => Vector<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector<T> Load(T* source) => Vector.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(T* destination, Vector<T> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Broadcast(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> x, Vector<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd(Vector<T> x, Vector<T> y, Vector<T> z)
    {
        if (HasFma && typeof(T) == typeof(float))
            return Vector.As<float, T>(Vector.FusedMultiplyAdd(Vector.AsVectorSingle(x), Vector.AsVectorSingle(y), Vector.AsVectorSingle(z)));
        if (HasFma && typeof(T) == typeof(double))
            return Vector.As<double, T>(Vector.FusedMultiplyAdd(Vector.AsVectorDouble(x), Vector.AsVectorDouble(y), Vector.AsVectorDouble(z)));
        return x * y + z;
    }
}
