using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Gradients;

public class FiniteDifferenceTests
{
    /// <summary>y = x³ elementwise: central differences are off by exactly ε² (ε²/3x² relative), the five-point stencil is exact up to rounding.</summary>
    private sealed class Cube : Layer<double>
    {
        private Tensor<double>? _x;
        public override Tensor<double> Forward(Tensor<double> x)
        {
            _x = x;
            var y = x.Clone();
            for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i] * x[i];
            return y;
        }
        public override Tensor<double> Backward(Tensor<double> dY)
        {
            var x = RequireForward(_x);
            var dX = dY.Clone();
            for (int i = 0; i < dX.Length; i++) dX[i] = 3 * x[i] * x[i] * dY[i];
            return dX;
        }
    }

    [Fact]
    public void FivePointStencil_RemovesTheTruncationErrorThatCentralDifferencesShow()
    {
        var x = Tensor<double>.FromDoubles([1.0, -1.0, 1.0], 3);
        var g = Tensor<double>.Ones(3);
        var central = GradientChecker.Check(new Cube(), x, g, epsilon: 1e-3);
        var fivePoint = GradientChecker.Check(new Cube(), x, g, epsilon: 1e-3, stencil: FiniteDifference.FivePoint);
        // Central: (3x² + ε²) vs 3x² at |x| = 1 gives a relative error ε² / (3 + ε²) ≈ 3.33e-7.
        Assert.Equal(1e-6 / (3 + 1e-6), central["x"].MaxRelativeError, 1e-9);
        Assert.False(central.Passed);
        Assert.True(fivePoint["x"].MaxRelativeError < 1e-11, fivePoint.ToString());
        Assert.Equal(3.0, fivePoint["x"].Numeric, 1e-10);
    }
}
