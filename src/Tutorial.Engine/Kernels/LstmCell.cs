using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The elementwise part of one LSTM step, fused into one pass and vectorised with <see cref="Vector{T}"/> and
/// <see cref="VectorMath"/>: the four gate nonlinearities, the cell update and the output, and their backward.
/// The matrix products around it (x_t·W_ihᵀ, h_{t−1}·W_hhᵀ, dA_t·W_hh) are GEMMs in the layer.
/// <code>
/// gates: (N, 4H), row = [a_i, a_f, a_g, a_o]; c_prev, c, tanh_c, h, dh, dc: (N, H)
///
/// Forward:   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)        (written over the pre-activations)
///            c = f ⊙ c_prev + i ⊙ g    tanh_c = tanh(c)    h = o ⊙ tanh_c
/// Backward:  dc' = dc + dh ⊙ o ⊙ (1 − tanh_c²)
///            dA = [dc' ⊙ g ⊙ i(1 − i),  dc' ⊙ c_prev ⊙ f(1 − f),  dc' ⊙ i ⊙ (1 − g²),  dh ⊙ tanh_c ⊙ o(1 − o)]
///            dc ← dc' ⊙ f                                              (carried to step t−1)
/// </code>
/// One pass instead of one per gate: each element is loaded once and the intermediate values stay in registers.
/// Its scalar twin is <see cref="LstmCellReference"/> (same contracts; also used for the tail of each row when H is
/// not a multiple of the vector width, and for element types without SIMD). They agree to a few ulp.
/// </summary>
public static class LstmCell
{
    /// <summary>
    /// One forward step for n rows: activates <paramref name="gates"/> in place and writes c, tanh(c) and h.
    /// <paramref name="cPrev"/> must not overlap the outputs.
    /// </summary>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int n, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckForward(gates.Length, cPrev.Length, c.Length, tanhC.Length, h.Length, n, hidden);
        int w = Vector<T>.Count, full = VectorMath.IsAccelerated<T>() ? hidden / w * w : 0;
        for (int s = 0; s < n; s++)
        {
            var row = gates.Slice(s * 4 * hidden, 4 * hidden);
            int o = s * hidden;
            if (full > 0) ForwardVectors(row, cPrev.Slice(o, hidden), c.Slice(o, hidden), tanhC.Slice(o, hidden), h.Slice(o, hidden), hidden, full);
            LstmCellReference.ForwardRow(row, cPrev, c, tanhC, h, o, hidden, full);
        }
    }

    /// <summary>
    /// One backward step for n rows: from the activated <paramref name="gates"/>, c_{t−1}, tanh(c_t), the total
    /// gradient <paramref name="dh"/> = ∂L/∂h_t and the carried <paramref name="dc"/> = ∂L/∂c_t (through c_{t+1}),
    /// writes dA_t into <paramref name="dGates"/> and replaces dc by ∂L/∂c_{t−1} along the cell path.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dh, Span<T> dc, Span<T> dGates, int n, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBackward(gates.Length, cPrev.Length, tanhC.Length, dh.Length, dc.Length, dGates.Length, n, hidden);
        int w = Vector<T>.Count, full = Vector.IsHardwareAccelerated && Vector<T>.IsSupported ? hidden / w * w : 0;
        for (int s = 0; s < n; s++)
        {
            var row = gates.Slice(s * 4 * hidden, 4 * hidden);
            var dRow = dGates.Slice(s * 4 * hidden, 4 * hidden);
            int o = s * hidden;
            if (full > 0) BackwardVectors(row, cPrev.Slice(o, hidden), tanhC.Slice(o, hidden), dh.Slice(o, hidden), dc.Slice(o, hidden), dRow, hidden, full);
            LstmCellReference.BackwardRow(row, cPrev, tanhC, dh, dc, dRow, o, hidden, full);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardVectors<T>(Span<T> row, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int hidden, int full)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        ref T a = ref MemoryMarshal.GetReference(row);
        ref T cp = ref MemoryMarshal.GetReference(cPrev);
        ref T cn = ref MemoryMarshal.GetReference(c);
        ref T tcn = ref MemoryMarshal.GetReference(tanhC);
        ref T hn = ref MemoryMarshal.GetReference(h);
        for (int j = 0; j < full; j += w)
        {
            var i = VectorMath.Sigmoid(Vector.LoadUnsafe(ref a, (nuint)j));
            var f = VectorMath.Sigmoid(Vector.LoadUnsafe(ref a, (nuint)(hidden + j)));
            var g = VectorMath.Tanh(Vector.LoadUnsafe(ref a, (nuint)(2 * hidden + j)));
            var og = VectorMath.Sigmoid(Vector.LoadUnsafe(ref a, (nuint)(3 * hidden + j)));
            i.StoreUnsafe(ref a, (nuint)j);
            f.StoreUnsafe(ref a, (nuint)(hidden + j));
            g.StoreUnsafe(ref a, (nuint)(2 * hidden + j));
            og.StoreUnsafe(ref a, (nuint)(3 * hidden + j));
            var cj = f * Vector.LoadUnsafe(ref cp, (nuint)j) + i * g;
            var tc = VectorMath.Tanh(cj);
            cj.StoreUnsafe(ref cn, (nuint)j);
            tc.StoreUnsafe(ref tcn, (nuint)j);
            (og * tc).StoreUnsafe(ref hn, (nuint)j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardVectors<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dh, Span<T> dc, Span<T> dRow, int hidden, int full)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        var one = Vector<T>.One;
        ref T a = ref MemoryMarshal.GetReference(row);
        ref T cp = ref MemoryMarshal.GetReference(cPrev);
        ref T tcr = ref MemoryMarshal.GetReference(tanhC);
        ref T dhr = ref MemoryMarshal.GetReference(dh);
        ref T dcr = ref MemoryMarshal.GetReference(dc);
        ref T da = ref MemoryMarshal.GetReference(dRow);
        for (int j = 0; j < full; j += w)
        {
            var i = Vector.LoadUnsafe(ref a, (nuint)j);
            var f = Vector.LoadUnsafe(ref a, (nuint)(hidden + j));
            var g = Vector.LoadUnsafe(ref a, (nuint)(2 * hidden + j));
            var og = Vector.LoadUnsafe(ref a, (nuint)(3 * hidden + j));
            var tc = Vector.LoadUnsafe(ref tcr, (nuint)j);
            var dhj = Vector.LoadUnsafe(ref dhr, (nuint)j);
            var dO = dhj * tc;
            var dC = Vector.LoadUnsafe(ref dcr, (nuint)j) + dhj * og * (one - tc * tc);
            var dI = dC * g;
            var dF = dC * Vector.LoadUnsafe(ref cp, (nuint)j);
            var dG = dC * i;
            (dI * i * (one - i)).StoreUnsafe(ref da, (nuint)j);
            (dF * f * (one - f)).StoreUnsafe(ref da, (nuint)(hidden + j));
            (dG * (one - g * g)).StoreUnsafe(ref da, (nuint)(2 * hidden + j));
            (dO * og * (one - og)).StoreUnsafe(ref da, (nuint)(3 * hidden + j));
            (dC * f).StoreUnsafe(ref dcr, (nuint)j);
        }
    }

    internal static void CheckForward(int gates, int cPrev, int c, int tanhC, int h, int n, int hidden)
    {
        if (n < 0 || hidden < 0 || gates < n * 4 * hidden || cPrev < n * hidden || c < n * hidden || tanhC < n * hidden || h < n * hidden)
            throw new ArgumentException(
                $"LSTM cell forward for {n} rows of {hidden} units needs gates of {n * 4 * hidden} and states of {n * hidden} elements, " +
                $"got gates: {gates}, c_prev: {cPrev}, c: {c}, tanh_c: {tanhC}, h: {h}.");
    }

    internal static void CheckBackward(int gates, int cPrev, int tanhC, int dh, int dc, int dGates, int n, int hidden)
    {
        if (n < 0 || hidden < 0 || gates < n * 4 * hidden || dGates < n * 4 * hidden || cPrev < n * hidden || tanhC < n * hidden || dh < n * hidden || dc < n * hidden)
            throw new ArgumentException(
                $"LSTM cell backward for {n} rows of {hidden} units needs gates of {n * 4 * hidden} and states of {n * hidden} elements, " +
                $"got gates: {gates}, dGates: {dGates}, c_prev: {cPrev}, tanh_c: {tanhC}, dh: {dh}, dc: {dc}.");
    }
}
