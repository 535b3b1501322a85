using System.Globalization;
using System.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// A matrix as a heatmap, row 0 on top as when the matrix is printed. With <paramref name="symmetric"/>
    /// zero is white, positive values red and negative blue (for weights and gradients, where the sign
    /// matters); otherwise a sequential scale from dark (small) to yellow (large).
    /// </summary>
    public static GenericChart Heatmap(double[,] matrix, string? title = null, IReadOnlyList<string>? rowLabels = null,
        IReadOnlyList<string>? columnLabels = null, bool symmetric = false, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        if (rowLabels is not null && rowLabels.Count != rows) throw new ArgumentException($"Plots.Heatmap: {rowLabels.Count} row labels for {rows} rows.");
        if (columnLabels is not null && columnLabels.Count != cols) throw new ArgumentException($"Plots.Heatmap: {columnLabels.Count} column labels for {cols} columns.");
        var z = ChartStyle.Rows(matrix);
        var scale = symmetric
            ? StyleParam.Colorscale.NewCustom([Tuple.Create(0.0, ChartStyle.Color("#2166ac")), Tuple.Create(0.5, ChartStyle.Color("#ffffff")), Tuple.Create(1.0, ChartStyle.Color("#b2182b"))])
            : StyleParam.Colorscale.Viridis;
        // Labels make a categorical axis; without them the axes are the row and column indices.
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(z,
            X: columnLabels?.ToArray() ?? Enumerable.Range(0, cols).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Y: rowLabels?.ToArray() ?? Enumerable.Range(0, rows).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Name: title ?? "matrix", ColorScale: scale, ReverseYAxis: true);
        double maxAbs = z.SelectMany(r => r).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (maxAbs == 0) maxAbs = 1;
        chart = ChartStyle.MapTraces(chart, t =>
        {
            if (rowLabels is null) t.SetProperty("y", Enumerable.Range(0, rows).ToArray());
            if (columnLabels is null) t.SetProperty("x", Enumerable.Range(0, cols).ToArray());
            if (symmetric)
            {
                t.SetProperty("zmin", -maxAbs);
                t.SetProperty("zmax", maxAbs);
            }
        });
        int cell = Math.Clamp(480 / Math.Max(rows, cols), 4, 40);
        int width = Math.Clamp(cols * cell + 160, 320, 900), height = Math.Clamp(rows * cell + 120, 240, 800);
        return chart.Styled(title, xLabel, yLabel, width, height);
    }

    /// <summary>A 2-D tensor (R, C) as a heatmap; see <see cref="Heatmap(double[,], string?, IReadOnlyList{string}?, IReadOnlyList{string}?, bool, string?, string?)"/>.</summary>
    public static GenericChart Heatmap<T>(Tensor<T> matrix, string? title = null, bool symmetric = false, string? xLabel = null, string? yLabel = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2) throw new ShapeMismatchException($"Plots.Heatmap needs a matrix (R, C), got {matrix.Shape}.");
        var d = ChartStyle.ToDoubles(matrix);
        var m = new double[matrix.Rows, matrix.Cols];
        for (int i = 0; i < matrix.Rows; i++)
            for (int j = 0; j < matrix.Cols; j++) m[i, j] = d[i * matrix.Cols + j];
        return Heatmap(m, title, null, null, symmetric, xLabel, yLabel);
    }
}
