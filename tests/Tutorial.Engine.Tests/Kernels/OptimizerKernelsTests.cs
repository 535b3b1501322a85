using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

public class OptimizerKernelsTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 3 * Vector<float>.Count + 2).ToArray();

    private static T[] Random<T>(Rng rng, int n, double low = -1, double high = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, n).Select(_ => T.CreateChecked(rng.Uniform(low, high))).ToArray();

    [Theory]
    [InlineData(0.0, 0.0, 0.0, false, false)]
    [InlineData(0.9, 0.0, 0.0, true, false)]
    [InlineData(0.9, 0.1, 0.01, false, false)]
    [InlineData(0.9, 0.0, 0.01, false, true)]
    [InlineData(0.0, 0.0, 0.05, false, false)]
    public void Sgd_MatchesTheScalarTwinBitwise(double momentum, double dampening, double decay, bool first, bool nesterov)
    {
        foreach (int n in Lengths)
        {
            var rng = new Rng((ulong)n + 1);
            var theta = Random<float>(rng, n);
            var grad = Random<float>(rng, n);
            var buffer = momentum == 0 ? [] : Random<float>(rng, n);
            var (theta2, buffer2, before) = ((float[])theta.Clone(), (float[])buffer.Clone(), (float[])theta.Clone());
            var h = new SgdStep<float>(0.1f, (float)momentum, 1 - (float)dampening, (float)decay, first, nesterov);
            OptimizerKernels.Sgd<float>(theta, grad, buffer, h);
            OptimizerKernelsReference.Sgd<float>(theta2, grad, buffer2, h);
            Assert.Equal(theta2, theta);
            Assert.Equal(buffer2, buffer);
            if (n > 0) Assert.NotEqual(before, theta);      // the step moved θ
        }
    }

    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.01, false, false)]
    [InlineData(0.01, true, false)]
    [InlineData(0.0, false, true)]
    public void Adam_MatchesTheScalarTwinBitwise(double decay, bool decoupled, bool amsgrad)
    {
        foreach (int n in Lengths)
        {
            var rng = new Rng((ulong)n + 100);
            var theta = Random<double>(rng, n);
            var grad = Random<double>(rng, n);
            var m = Random<double>(rng, n, -0.1, 0.1);
            var v = Random<double>(rng, n, 0, 0.01);
            var vMax = amsgrad ? Random<double>(rng, n, 0, 0.01) : [];
            var (theta2, m2, v2, vMax2) = ((double[])theta.Clone(), (double[])m.Clone(), (double[])v.Clone(), (double[])vMax.Clone());
            var h = new AdamStep<double>(0.001 / (1 - 0.9 * 0.9), Math.Sqrt(1 - 0.999 * 0.999), 0.9, 0.999, 1e-8, decay, 1 - 0.001 * decay, decoupled);
            OptimizerKernels.Adam<double>(theta, grad, m, v, vMax, h);
            OptimizerKernelsReference.Adam<double>(theta2, grad, m2, v2, vMax2, h);
            Assert.Equal(theta2, theta);
            Assert.Equal(m2, m);
            Assert.Equal(v2, v);
            Assert.Equal(vMax2, vMax);
        }
    }
}
