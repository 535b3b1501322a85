using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Bench;

/// <summary>
/// The alternative Conv2D measured against: the whole batch laid side by side as one column matrix
/// (C·kH·kW, N·L), one large multiply W_mat·cols → (C_out, N·L), then a reorder into NCHW; Backward
/// gathers dY into (C_out, N·L), multiplies twice and folds each sample's block. Same weights and results
/// as <see cref="Conv2D{T}"/>, only the batching differs.
/// </summary>
internal sealed class BatchedConv2D(Conv2D<float> layer)
{
    private float[] _columns = [], _product = [], _dColumns = [];
    private Tensor<float>? _x;

    public Tensor<float> Forward(Tensor<float> x)
    {
        var g = layer.GeometryFor(x.Shape);
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount, width = n * l, cOut = layer.Out;
        Grow(ref _columns, rows * width);
        Grow(ref _product, cOut * width);
        for (int s = 0; s < n; s++)
            Im2Col.Unfold<float>(x.Span.Slice(s * g.SampleLength, g.SampleLength), g, _columns, width, s * l);
        var product = _product.AsSpan(0, cOut * width);
        for (int co = 0; co < cOut; co++) product.Slice(co * width, width).Fill(layer.Bias!.Value[co]);
        Gemm.Multiply<float>(layer.Weight.Value.Span, _columns.AsSpan(0, rows * width), product, cOut, width, rows, accumulate: true);
        var y = new Tensor<float>(n, cOut, g.OutHeight, g.OutWidth);
        for (int s = 0; s < n; s++)
            for (int co = 0; co < cOut; co++)
                product.Slice(co * width + s * l, l).CopyTo(y.Span.Slice((s * cOut + co) * l, l));
        _x = x;
        return y;
    }

    public Tensor<float> Backward(Tensor<float> dY)
    {
        var x = _x!;
        var g = layer.GeometryFor(x.Shape);
        int n = x.N, rows = g.ColumnRows, l = g.ColumnCount, width = n * l, cOut = layer.Out;
        var gathered = _product.AsSpan(0, cOut * width);
        var db = layer.Bias!.Grad.Span;
        for (int s = 0; s < n; s++)
            for (int co = 0; co < cOut; co++)
            {
                var src = dY.Span.Slice((s * cOut + co) * l, l);
                db[co] += Elementwise.Sum<float>(src);
                src.CopyTo(gathered.Slice(co * width + s * l, l));
            }
        Gemm.Multiply<float>(gathered, _columns.AsSpan(0, rows * width), layer.Weight.Grad.Span, cOut, rows, width, transposeB: true, accumulate: true);
        Grow(ref _dColumns, rows * width);
        Gemm.Multiply<float>(layer.Weight.Value.Span, gathered, _dColumns.AsSpan(0, rows * width), rows, width, cOut, transposeA: true);
        var dX = new Tensor<float>(x.Shape);
        for (int s = 0; s < n; s++)
            Im2Col.Fold<float>(_dColumns, width, s * l, g, dX.Span.Slice(s * g.SampleLength, g.SampleLength));
        return dX;
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
    }
}
