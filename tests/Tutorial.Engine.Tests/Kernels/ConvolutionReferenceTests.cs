using System.Text.Json;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;
using Tutorial.Engine.Tests.Layers;

namespace Tutorial.Engine.Tests.Kernels;

public class ConvolutionReferenceTests
{
    public static IEnumerable<object[]> PyTorchCases() => ConvAssert.CaseIndices("conv");

    [Theory, MemberData(nameof(PyTorchCases))]
    public void ConvolutionReference_MatchesPyTorch_ForwardAndBackward(int index)
    {
        var e = ConvAssert.Case("conv", index);
        string name = e.GetProperty("name").GetString()!;
        var x = Fixture.Tensor(e, "x");
        var w = Fixture.Tensor(e, "weight");
        var b = e.GetProperty("bias").ValueKind == JsonValueKind.Null ? null : Fixture.Tensor(e, "bias");
        Pair2D s = ConvAssert.Pair(e, "stride"), p = ConvAssert.Pair(e, "padding"), d = ConvAssert.Pair(e, "dilation");
        ConvAssert.Close(Fixture.Tensor(e, "y"), ConvolutionReference.Forward(x, w, b, s, p, d), 1e-12, $"{name}: y");
        var (dX, dW, db) = ConvolutionReference.Backward(x, w, Fixture.Tensor(e, "dy"), s, p, d);
        ConvAssert.Close(Fixture.Tensor(e, "dx"), dX, 1e-12, $"{name}: dX");
        ConvAssert.Close(Fixture.Tensor(e, "dw"), dW, 1e-12, $"{name}: dW");
        if (b is not null) ConvAssert.Close(Fixture.Tensor(e, "db"), db, 1e-12, $"{name}: db");
    }

    [Fact]
    public void ConvolutionReference_HandExample_EdgeDetector()
    {
        // A vertical-edge kernel [1, −1] on a step image responds only where the step is.
        var x = Tensor<double>.FromDoubles([0, 0, 1, 1,
                                            0, 0, 1, 1], 1, 1, 2, 4);
        var w = Tensor<double>.FromDoubles([1, -1], 1, 1, 1, 2);
        var y = ConvolutionReference.Forward(x, w, Tensor<double>.FromDoubles([0.5], 1), 1, 0, 1);
        Assert.Equal([0.5, -0.5, 0.5, 0.5, -0.5, 0.5], y.ToArray());
    }

    [Fact]
    public void ConvolutionReference_RejectsMismatchedChannels()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() =>
            ConvolutionReference.Forward(new Tensor<double>(1, 3, 5, 5), new Tensor<double>(2, 1, 3, 3), null, 1, 0, 1));
        Assert.Contains("(1, 3, 5, 5)", ex.Message);
    }
}
