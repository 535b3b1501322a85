using System.Numerics;

namespace Tutorial.Engine.Kernels;

/// <summary>
/// The plain scalar twin of <see cref="LstmCell"/>: one LSTM step's elementwise part, one number at a time, with
/// <c>T.Exp</c> and <c>T.Tanh</c>. The vectorised kernel must agree with it (tests compare them); it also
/// computes the tail of rows whose length is not a multiple of the vector width, and serves element types without SIMD.
/// Same contracts and buffer layouts as <see cref="LstmCell"/>.
/// </summary>
public static class LstmCellReference
{
    /// <summary>The forward step for <paramref name="n"/> rows of <paramref name="hidden"/> units; see <see cref="LstmCell.Forward{T}"/>.</summary>
    public static void Forward<T>(Span<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int n, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        LstmCell.CheckForward(gates.Length, cPrev.Length, c.Length, tanhC.Length, h.Length, n, hidden);
        for (int s = 0; s < n; s++) ForwardRow(gates.Slice(s * 4 * hidden, 4 * hidden), cPrev, c, tanhC, h, s * hidden, hidden, 0);
    }

    /// <summary>The backward step for <paramref name="n"/> rows of <paramref name="hidden"/> units; see <see cref="LstmCell.Backward{T}"/>.</summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dh, Span<T> dc, Span<T> dGates, int n, int hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        LstmCell.CheckBackward(gates.Length, cPrev.Length, tanhC.Length, dh.Length, dc.Length, dGates.Length, n, hidden);
        for (int s = 0; s < n; s++)
            BackwardRow(gates.Slice(s * 4 * hidden, 4 * hidden), cPrev, tanhC, dh, dc, dGates.Slice(s * 4 * hidden, 4 * hidden), s * hidden, hidden, 0);
    }

    /// <summary>Units j0 … hidden−1 of one row: <paramref name="row"/> is the row's 4H gates, <paramref name="o"/> the row's offset in the (N, H) buffers.</summary>
    internal static void ForwardRow<T>(Span<T> row, ReadOnlySpan<T> cPrev, Span<T> c, Span<T> tanhC, Span<T> h, int o, int hidden, int j0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = j0; j < hidden; j++)
        {
            T i = ActivationsReference.SigmoidOf(row[j]);
            T f = ActivationsReference.SigmoidOf(row[hidden + j]);
            T g = T.Tanh(row[2 * hidden + j]);
            T og = ActivationsReference.SigmoidOf(row[3 * hidden + j]);
            row[j] = i;
            row[hidden + j] = f;
            row[2 * hidden + j] = g;
            row[3 * hidden + j] = og;
            T cj = f * cPrev[o + j] + i * g;
            T tc = T.Tanh(cj);
            c[o + j] = cj;
            tanhC[o + j] = tc;
            h[o + j] = og * tc;
        }
    }

    /// <summary>Units j0 … hidden−1 of one row of the backward step.</summary>
    internal static void BackwardRow<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dh, Span<T> dc, Span<T> dRow, int o, int hidden, int j0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = j0; j < hidden; j++)
        {
            T i = row[j], f = row[hidden + j], g = row[2 * hidden + j], og = row[3 * hidden + j];
            T tc = tanhC[o + j], dhj = dh[o + j];
            T dO = dhj * tc;
            T dC = dc[o + j] + dhj * og * (T.One - tc * tc);
            T dI = dC * g, dF = dC * cPrev[o + j], dG = dC * i;
            dRow[j] = dI * i * (T.One - i);
            dRow[hidden + j] = dF * f * (T.One - f);
            dRow[2 * hidden + j] = dG * (T.One - g * g);
            dRow[3 * hidden + j] = dO * og * (T.One - og);
            dc[o + j] = dC * f;
        }
    }
}
