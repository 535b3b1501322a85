using System.Numerics;
using Tutorial.Engine.Init;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Fully connected layer.
/// <code>
/// y  = x·Wᵀ + b          x: (N, in)  W: (out, in)  b: (out)  y: (N, out)
/// dX = dY·W              dX: (N, in)
/// dW += dYᵀ·x            dW: (out, in)
/// db += Σₙ dY[n, :]      db: (out)
/// </code>
/// W is stored (out, in) as in PyTorch, so weights are portable.
/// </summary>
public sealed class Linear<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Tensor<T>? _x;
    private readonly TensorBuffer<T> _y = new(), _dX = new();

    /// <summary>Creates the layer with weights drawn by <paramref name="init"/> (He uniform by default) and a zero bias.</summary>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true, InitScheme init = InitScheme.HeUniform)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear needs positive sizes, got in: {inFeatures}, out: {outFeatures}.");
        In = inFeatures;
        Out = outFeatures;
        Weight = new Parameter<T>("weight", Initializers.Create<T>(init, rng, inFeatures, outFeatures, outFeatures, inFeatures));
        Bias = bias ? new Parameter<T>("bias", new Tensor<T>(outFeatures)) : null;
        _parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    public int In { get; }
    public int Out { get; }

    /// <summary>W: (out, in).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b: (out), or null without bias.</summary>
    public Parameter<T>? Bias { get; }

    public override IReadOnlyList<Parameter<T>> Parameters => _parameters;

    public override Tensor<T> Forward(Tensor<T> x)
    {
        _dX.Release();   // the previous step's dX is done with (see TensorBuffer)
        if (x.Rank != 2 || x.Dim(1) != In) throw ShapeError("x", x.Shape, $"(N, {In})");
        _x = x;
        int n = x.Rows;
        var y = _y.Get(ReuseOutputs, clear: false, n, Out);
        Gemm.Multiply<T>(x.Span, Weight.Value.Span, y.Span, n, Out, In, transposeB: true);
        if (Bias is not null)
        {
            var b = Bias.Value.Span;
            for (int i = 0; i < n; i++) Elementwise.Add<T>(y.Span.Slice(i * Out, Out), b, y.Span.Slice(i * Out, Out));
        }
        return y;
    }

    public override Tensor<T> Backward(Tensor<T> dY)
    {
        _y.Release();    // the step's output is done with
        var x = RequireForward(_x);
        int n = x.Rows;
        CheckGradientShape(dY, new Shape(n, Out));
        var dX = _dX.Get(ReuseOutputs, clear: false, n, In);
        Gemm.Multiply<T>(dY.Span, Weight.Value.Span, dX.Span, n, In, Out);
        AccumulateParameterGradients(x, dY);
        return dX;
    }

    /// <summary>Backward without dX (the input is data): only dW and db.</summary>
    public override void BackwardParameters(Tensor<T> dY)
    {
        _y.Release();
        var x = RequireForward(_x);
        CheckGradientShape(dY, new Shape(x.Rows, Out));
        AccumulateParameterGradients(x, dY);
    }

    private void AccumulateParameterGradients(Tensor<T> x, Tensor<T> dY)
    {
        int n = x.Rows;
        Gemm.Multiply<T>(dY.Span, x.Span, Weight.Grad.Span, Out, In, n, transposeA: true, accumulate: true);
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int i = 0; i < n; i++) Elementwise.Add<T>(db, dY.Span.Slice(i * Out, Out), db);
        }
    }

    public override Shape OutputShape(Shape input) => input.WithDim(-1, Out);

    public override string ToString() => $"Linear(in: {In}, out: {Out}{(Bias is null ? ", bias: false" : "")})";
}
