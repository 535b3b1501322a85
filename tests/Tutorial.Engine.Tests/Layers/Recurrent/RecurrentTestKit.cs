using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers.Recurrent;

/// <summary>Builders and comparisons the recurrent-layer tests share.</summary>
internal static class RecurrentTestKit
{
    public static readonly string[] Kinds = ["RNN", "LSTM", "GRU"];

    public static RecurrentLayer<T> Make<T>(string kind, int inputSize, int hiddenSize, Rng rng, int numLayers = 1,
        RecurrentOutput output = RecurrentOutput.Sequence, bool bias = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        kind switch
        {
            "RNN" => new Rnn<T>(inputSize, hiddenSize, rng, numLayers, output, bias),
            "LSTM" => new Lstm<T>(inputSize, hiddenSize, rng, numLayers, output, bias),
            "GRU" => new Gru<T>(inputSize, hiddenSize, rng, numLayers, output, bias),
            _ => throw new ArgumentException($"Unknown kind {kind}."),
        };

    /// <summary>A layer of the same configuration as <paramref name="source"/> with a copy of its weights.</summary>
    public static RecurrentLayer<double> CloneLayer(RecurrentLayer<double> source)
    {
        var copy = Make<double>(source.Kind, source.InputSize, source.HiddenSize, new Rng(999), source.NumLayers, source.Output, source.HasBias);
        for (int i = 0; i < source.Parameters.Count; i++) source.Parameters[i].Value.CopyTo(copy.Parameters[i].Value);
        return copy;
    }

    /// <summary>Asserts equal shapes and |a − e| ≤ tol·max(1, |e|) elementwise, naming the worst element.</summary>
    public static void AssertClose(Tensor<double> expected, Tensor<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Shape == actual.Shape, $"{what}: expected shape {expected.Shape}, got {actual.Shape}.");
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            if (!(err <= worst)) { worst = err; worstIndex = i; }
        }
        Assert.True(worst <= tolerance,
            $"{what}: error {worst:E3} at [{worstIndex}] (expected {expected[Math.Max(worstIndex, 0)]:G17}, got {actual[Math.Max(worstIndex, 0)]:G17}) exceeds {tolerance:E1}.");
    }

    /// <summary>max |a − b| over all elements.</summary>
    public static double MaxAbsDifference(Tensor<double> a, Tensor<double> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }

    /// <summary>Concatenates tensors along dimension 1 (time) of (N, T_k, …) pieces.</summary>
    public static Tensor<double> ConcatTime(IReadOnlyList<Tensor<double>> pieces)
    {
        int n = pieces[0].Dim(0), inner = pieces[0].Length / (n * pieces[0].Dim(1));
        int total = pieces.Sum(p => p.Dim(1));
        var result = new Tensor<double>(pieces[0].Shape.WithDim(1, total));
        int offset = 0;
        foreach (var p in pieces)
        {
            int len = p.Dim(1);
            for (int i = 0; i < n; i++)
                p.Span.Slice(i * len * inner, len * inner).CopyTo(result.Span.Slice((i * total + offset) * inner, len * inner));
            offset += len;
        }
        return result;
    }
}

/// <summary>
/// Exposes a recurrent layer's initial states as parameters ("h0", "c0") and its final states as part
/// of the output, so that <see cref="Tutorial.Engine.Gradients.GradientChecker"/> checks dH0, dC0 and
/// the handling of dHn, dCn numerically: y' = [vec(y), vec(Hn), vec(Cn)].
/// </summary>
internal sealed class StateProbe : Layer<double>
{
    private readonly RecurrentLayer<double> _inner;
    private readonly Parameter<double> _h0;
    private readonly Parameter<double>? _c0;
    private Shape? _yShape;

    public StateProbe(RecurrentLayer<double> inner, Tensor<double> h0, Tensor<double>? c0)
    {
        _inner = inner;
        _h0 = new Parameter<double>("h0", h0);
        _c0 = c0 is null ? null : new Parameter<double>("c0", c0);
    }

    public override IReadOnlyList<Parameter<double>> Parameters =>
        [.. _inner.Parameters, _h0, .. (_c0 is null ? Array.Empty<Parameter<double>>() : [_c0])];

    public override IEnumerable<(string Name, Parameter<double> Parameter)> NamedParameters() =>
        _inner.NamedParameters().Concat(Parameters.Skip(_inner.Parameters.Count).Select(p => (p.Name, p)));

    public override Tensor<double> Forward(Tensor<double> x)
    {
        var y = _inner.Forward(x, _h0.Value, _c0?.Value);
        _yShape = y.Shape;
        var parts = new List<Tensor<double>> { y, _inner.Hn! };
        if (_c0 is not null) parts.Add(_inner.Cn!);
        var result = new Tensor<double>(parts.Sum(p => p.Length));
        int offset = 0;
        foreach (var p in parts)
        {
            p.Span.CopyTo(result.Span.Slice(offset, p.Length));
            offset += p.Length;
        }
        return result;
    }

    public override Tensor<double> Backward(Tensor<double> dY)
    {
        var yShape = RequireForward(_yShape);
        var h0 = _h0.Value;
        var dYPart = Tensor<double>.FromArray(dY.Span[..yShape.Length], yShape.Dims);
        var dHn = Tensor<double>.FromArray(dY.Span.Slice(yShape.Length, h0.Length), h0.Shape.Dims);
        Tensor<double>? dCn = _c0 is null ? null : Tensor<double>.FromArray(dY.Span.Slice(yShape.Length + h0.Length, h0.Length), h0.Shape.Dims);
        var dX = _inner.Backward(dYPart, dHn, dCn);
        var dH0 = _inner.DH0!;
        for (int i = 0; i < dH0.Length; i++) _h0.Grad[i] += dH0[i];
        if (_c0 is not null)
        {
            var dC0 = _inner.DC0!;
            for (int i = 0; i < dC0.Length; i++) _c0.Grad[i] += dC0[i];
        }
        return dX;
    }

    public override string ToString() => $"StateProbe({_inner})";
}
