using System.Numerics;
using System.Text;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>How much of a tensor the formatters show.</summary>
public sealed record TensorFormatOptions
{
    /// <summary>A matrix with more rows shows only the first and last <see cref="EdgeItems"/> rows, with a "…" row between.</summary>
    public int MaxRows { get; init; } = 20;

    /// <summary>A matrix with more columns shows only the first and last <see cref="EdgeItems"/> columns.</summary>
    public int MaxColumns { get; init; } = 12;

    /// <summary>Rows or columns kept at each end of an elided axis.</summary>
    public int EdgeItems { get; init; } = 5;

    /// <summary>Rank ≥ 3: more 2-D slices than this shows the first and last half of this many.</summary>
    public int MaxSlices { get; init; } = 6;

    /// <summary>The options <c>display(tensor)</c> uses; a notebook may replace them.</summary>
    public static TensorFormatOptions Default { get; set; } = new();
}

/// <summary>
/// Shows a <see cref="Tensor{T}"/> as a table (text/html) or as numpy-style text (text/plain).
/// <list type="bullet">
/// <item>The title names the element type and the shape: <c>Tensor&lt;Double&gt; (2, 3)</c>, and a note gives
/// min, max and mean (and how many NaN / infinite values, in red, when there are any).</item>
/// <item>A scalar is one cell, a vector (D) one row, a matrix (R, C) a grid with row and column indices.</item>
/// <item>Rank ≥ 3, e.g. (N, C, H, W): one grid per 2-D slice over the last two axes, labelled <c>[n, c, :, :]</c>.</item>
/// <item>Large tensors are elided as numpy does: the first and last few rows, columns and slices, with "…" between,
/// so a 100 × 100 matrix shows 11 × 11 cells, never 10,000.</item>
/// <item>All numbers shown together share one compact format (<see cref="NumberFormat.For"/>).</item>
/// </list>
/// </summary>
public static class TensorFormatter
{
    /// <summary>The HTML table of <paramref name="tensor"/>.</summary>
    public static string ToHtml<T>(Tensor<T> tensor, TensorFormatOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        ToHtml(new TensorView<T>(tensor ?? throw new ArgumentNullException(nameof(tensor))), options ?? TensorFormatOptions.Default);

    /// <summary>The numpy-style text of <paramref name="tensor"/>.</summary>
    public static string ToText<T>(Tensor<T> tensor, TensorFormatOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        ToText(new TensorView<T>(tensor ?? throw new ArgumentNullException(nameof(tensor))), options ?? TensorFormatOptions.Default);

    /// <summary><c>Tensor&lt;Double&gt; (2, 3)</c>.</summary>
    internal static string Caption(ITensorView view) => $"Tensor<{view.ElementType}> {view.Shape}";

    /// <summary>The layout both forms share: which slices, rows and columns are shown (−1 marks "…").</summary>
    private sealed record Layout(int[] Slices, int SliceCount, int Rows, int Columns, int[] RowIndex, int[] ColumnIndex, Func<double, string> Format)
    {
        public int SliceSize => Rows * Columns;

        public static Layout Of(ITensorView view, TensorFormatOptions o)
        {
            var dims = view.Shape.Dims;
            int rank = dims.Length;
            int rows = rank >= 2 ? dims[^2] : 1;
            int cols = rank >= 1 ? dims[^1] : 1;
            int sliceCount = 1;
            for (int i = 0; i < rank - 2; i++) sliceCount *= dims[i];
            var slices = Shown(sliceCount, o.MaxSlices, Math.Max(1, o.MaxSlices / 2));
            var rowIndex = Shown(rows, o.MaxRows, o.EdgeItems);
            var colIndex = Shown(cols, o.MaxColumns, o.EdgeItems);

            var shown = new List<double>();
            foreach (int s in slices)
            {
                if (s < 0) continue;
                foreach (int r in rowIndex)
                {
                    if (r < 0) continue;
                    foreach (int c in colIndex)
                        if (c >= 0) shown.Add(view[s * rows * cols + r * cols + c]);
                }
            }
            return new Layout(slices, sliceCount, rows, cols, rowIndex, colIndex, NumberFormat.For(shown));
        }

        /// <summary>The label of slice <paramref name="s"/>: <c>[1, 2, :, :]</c>.</summary>
        public static string SliceLabel(Shape shape, int s)
        {
            var dims = shape.Dims;
            var index = new int[dims.Length - 2];
            for (int i = index.Length - 1; i >= 0; i--)
            {
                index[i] = s % dims[i];
                s /= dims[i];
            }
            return "[" + string.Join(", ", index) + ", :, :]";
        }
    }

    /// <summary>0 … n−1, or the first and last <paramref name="edge"/> with −1 (for "…") between when n exceeds <paramref name="max"/>.</summary>
    internal static int[] Shown(int n, int max, int edge)
    {
        edge = Math.Max(1, edge);
        if (n <= Math.Max(max, 2 * edge + 1)) return Enumerable.Range(0, n).ToArray();
        return [.. Enumerable.Range(0, edge), -1, .. Enumerable.Range(n - edge, edge)];
    }

    internal static string ToHtml(ITensorView view, TensorFormatOptions options)
    {
        var layout = Layout.Of(view, options);
        int rank = view.Shape.Rank;
        var h = new HtmlBuilder().OpenBlock("tutorial-tensor");
        if (rank <= 2)
        {
            h.OpenTable(Caption(view));
            Grid(h, view, layout, 0, rank);
            h.CloseTable();
        }
        else
        {
            h.Raw($"<div class=\"tutorial-title\" style=\"{HtmlStyle.Title}\">").Text(Caption(view)).Raw("</div>");
            h.Raw("<div style=\"display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: flex-start;\">");
            foreach (int s in layout.Slices)
            {
                if (s < 0)
                {
                    int hidden = layout.SliceCount - layout.Slices.Count(x => x >= 0);
                    h.Raw($"<div style=\"{HtmlStyle.Note} align-self: center;\">").Text($"… {NumberFormat.Count(hidden)} more slices …").Raw("</div>");
                    continue;
                }
                h.Raw("<div>").Raw($"<div style=\"{HtmlStyle.Note} font-family: {HtmlStyle.MonoFont};\">").Text(Layout.SliceLabel(view.Shape, s)).Raw("</div>");
                h.OpenTable();
                Grid(h, view, layout, s * layout.SliceSize, rank);
                h.CloseTable().Raw("</div>");
            }
            h.Raw("</div>");
        }
        StatsNote(h, view, layout);
        return h.CloseBlock().ToString();
    }

    private static void Grid(HtmlBuilder h, ITensorView view, Layout layout, int offset, int rank)
    {
        if (rank == 0)
        {
            h.OpenRow().Td(layout.Format(view[0])).CloseRow();
            return;
        }
        // Column indices.
        h.OpenRow();
        if (rank >= 2) h.Th("");
        foreach (int c in layout.ColumnIndex) h.Th(c < 0 ? "…" : c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        h.CloseRow();
        foreach (int r in rank >= 2 ? layout.RowIndex : [0])
        {
            h.OpenRow();
            if (rank >= 2) h.Th(r < 0 ? "⋮" : r.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (int c in layout.ColumnIndex)
            {
                if (r < 0) h.Td(c < 0 ? "⋱" : "⋮", HtmlStyle.Ellipsis);
                else if (c < 0) h.Td("…", HtmlStyle.Ellipsis);
                else h.Td(layout.Format(view[offset + r * layout.Columns + c]));
            }
            h.CloseRow();
        }
    }

    private static void StatsNote(HtmlBuilder h, ITensorView view, Layout layout)
    {
        if (view.Shape.Length == 0)
        {
            h.Note("empty (no elements)");
            return;
        }
        var st = view.Stats();
        var parts = new List<string>();
        if (st.Finite > 0)
            parts.Add($"min {NumberFormat.Compact(st.Min)} · max {NumberFormat.Compact(st.Max)} · mean {NumberFormat.Compact(st.Mean)}");
        bool elided = layout.RowIndex.Contains(-1) || layout.ColumnIndex.Contains(-1) || layout.Slices.Contains(-1);
        if (elided) parts.Add($"{NumberFormat.Count(view.Shape.Length)} elements, the first and last shown");
        h.Raw($"<div style=\"{HtmlStyle.Note}\">").Text(string.Join(" · ", parts));
        if (st.NaN > 0 || st.Infinite > 0)
        {
            string bad = string.Join(", ", new[] { st.NaN > 0 ? $"{NumberFormat.Count(st.NaN)} NaN" : null, st.Infinite > 0 ? $"{NumberFormat.Count(st.Infinite)} infinite" : null }.OfType<string>());
            h.Raw($" <span style=\"color: {HtmlStyle.RedText}; font-weight: 600;\">").Text((parts.Count > 0 ? "· " : "") + bad).Raw("</span>");
        }
        h.Raw("</div>");
    }

    internal static string ToText(ITensorView view, TensorFormatOptions options)
    {
        var layout = Layout.Of(view, options);
        int rank = view.Shape.Rank;
        var sb = new StringBuilder(Caption(view)).Append('\n');
        if (view.Shape.Length == 0) return sb.Append("[]").ToString();
        int width = 1;
        foreach (int s in layout.Slices)
            foreach (int r in layout.RowIndex)
                foreach (int c in layout.ColumnIndex)
                    if (s >= 0 && r >= 0 && c >= 0) width = Math.Max(width, layout.Format(view[s * layout.SliceSize + r * layout.Columns + c]).Length);

        if (rank == 0) return sb.Append(layout.Format(view[0])).ToString();
        if (rank == 1) return sb.Append(TextRow(view, layout, 0, 0, width)).ToString();
        bool first = true;
        foreach (int s in layout.Slices)
        {
            if (!first) sb.Append('\n');
            first = false;
            if (s < 0)
            {
                int hidden = layout.SliceCount - layout.Slices.Count(x => x >= 0);
                sb.Append($"… {NumberFormat.Count(hidden)} more slices …");
                continue;
            }
            if (rank > 2) sb.Append(Layout.SliceLabel(view.Shape, s)).Append(" =\n");
            sb.Append('[');
            for (int i = 0; i < layout.RowIndex.Length; i++)
            {
                if (i > 0) sb.Append(",\n ");
                int r = layout.RowIndex[i];
                sb.Append(r < 0 ? "…" : TextRow(view, layout, s * layout.SliceSize, r, width));
            }
            sb.Append(']');
        }
        return sb.ToString();
    }

    private static string TextRow(ITensorView view, Layout layout, int offset, int r, int width) =>
        "[" + string.Join(", ", layout.ColumnIndex.Select(c => c < 0 ? "…".PadLeft(width) : layout.Format(view[offset + r * layout.Columns + c]).PadLeft(width))) + "]";
}
