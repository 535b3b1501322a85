using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>
/// Each vectorised activation kernel against its scalar twin, in float and double, for every length
/// 0 … 3·Vector&lt;float&gt;.Count + 1; and the vector math against Math in double over many magnitudes.
/// </summary>
public class ActivationsTests
{
    public static IEnumerable<object[]> Lengths() =>
        Enumerable.Range(0, 3 * Vector<float>.Count + 2).Select(n => new object[] { n });

    /// <summary>Inputs in (−6, 6), every third one shrunk to ~1e-9 so the near-zero paths are exercised.</summary>
    private static T[] Inputs<T>(int n, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor<T>.Uniform(new Rng((ulong)seed), -6, 6, n).ToArray();
        for (int i = 0; i < n; i += 3) x[i] *= T.CreateChecked(1e-9);
        return x;
    }

    /// <summary>max |fast − twin| / max(|twin|, 1): relative for large values, absolute below 1.</summary>
    private static double Difference<T>(T[] fast, T[] twin) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double worst = 0;
        for (int i = 0; i < fast.Length; i++)
        {
            double a = double.CreateChecked(fast[i]), b = double.CreateChecked(twin[i]);
            worst = Math.Max(worst, Math.Abs(a - b) / Math.Max(Math.Abs(b), 1));
        }
        return worst;
    }

    private delegate void Unary<T>(ReadOnlySpan<T> x, Span<T> dst);
    private delegate void Binary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dY, Span<T> dX);

    private static (string Name, Unary<T> Fast, Unary<T> Twin)[] UnaryKernels<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateChecked(0.1), alpha = T.CreateChecked(1.3), beta = T.CreateChecked(2), threshold = T.CreateChecked(3);
        return
        [
            ("Exp", Activations.Exp, ActivationsReference.Exp),
            ("Sigmoid", Activations.Sigmoid, ActivationsReference.Sigmoid),
            ("Tanh", Activations.Tanh, ActivationsReference.Tanh),
            ("LeakyRelu", (x, d) => Activations.LeakyRelu(x, slope, d), (x, d) => ActivationsReference.LeakyRelu(x, slope, d)),
            ("Elu", (x, d) => Activations.Elu(x, alpha, d), (x, d) => ActivationsReference.Elu(x, alpha, d)),
            ("GeluTanh", Activations.GeluTanh, ActivationsReference.GeluTanh),
            ("Softplus", (x, d) => Activations.Softplus(x, beta, threshold, d), (x, d) => ActivationsReference.Softplus(x, beta, threshold, d)),
            ("Softmax", Activations.Softmax, ActivationsReference.Softmax),
        ];
    }

    private static (string Name, Binary<T> Fast, Binary<T> Twin)[] BackwardKernels<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateChecked(0.1), alpha = T.CreateChecked(1.3), beta = T.CreateChecked(2), threshold = T.CreateChecked(3);
        return
        [
            ("SigmoidBackward", Activations.SigmoidBackward, ActivationsReference.SigmoidBackward),
            ("TanhBackward", Activations.TanhBackward, ActivationsReference.TanhBackward),
            ("LeakyReluBackward", (x, g, d) => Activations.LeakyReluBackward(x, g, slope, d), (x, g, d) => ActivationsReference.LeakyReluBackward(x, g, slope, d)),
            ("EluBackward", (x, g, d) => Activations.EluBackward(x, g, alpha, d), (x, g, d) => ActivationsReference.EluBackward(x, g, alpha, d)),
            ("GeluTanhBackward", Activations.GeluTanhBackward, ActivationsReference.GeluTanhBackward),
            ("SoftplusBackward", (x, g, d) => Activations.SoftplusBackward(x, g, beta, threshold, d), (x, g, d) => ActivationsReference.SoftplusBackward(x, g, beta, threshold, d)),
            ("SoftmaxBackward", Activations.SoftmaxBackward, ActivationsReference.SoftmaxBackward),
        ];
    }

    private static void CheckAll<T>(int n, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Inputs<T>(n, 1), g = Inputs<T>(n, 2);
        foreach (var (name, fast, twin) in UnaryKernels<T>())
        {
            T[] d1 = new T[n], d2 = new T[n];
            fast(x, d1);
            twin(x, d2);
            double diff = Difference(d1, d2);
            Assert.True(diff <= tolerance, $"{name}<{typeof(T).Name}> length {n}: difference {diff:E2} > {tolerance:E0}");
            // In place (dst = x) gives the same result.
            T[] inPlace = (T[])x.Clone();
            fast(inPlace, inPlace);
            Assert.Equal(d1, inPlace);
        }
        foreach (var (name, fast, twin) in BackwardKernels<T>())
        {
            T[] d1 = new T[n], d2 = new T[n];
            fast(x, g, d1);
            twin(x, g, d2);
            double diff = Difference(d1, d2);
            Assert.True(diff <= tolerance, $"{name}<{typeof(T).Name}> length {n}: difference {diff:E2} > {tolerance:E0}");
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void ActivationKernels_MatchScalarTwins_InDouble(int n) => CheckAll<double>(n, 4e-15);

    [Theory, MemberData(nameof(Lengths))]
    public void ActivationKernels_MatchScalarTwins_InFloat(int n) => CheckAll<float>(n, 2e-6);

    [Fact]
    public void GeluErf_IsTheScalarFormula()
    {
        double[] x = Inputs<double>(13, 3), y = new double[13], dX = new double[13];
        Activations.GeluErf<double>(x, y);
        Activations.GeluErfBackward<double>(x, Enumerable.Repeat(1.0, 13).ToArray(), dX);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * ScalarMath.NormalCdf(x[i]), y[i]);
            Assert.Equal(ScalarMath.NormalCdf(x[i]) + x[i] * ScalarMath.NormalPdf(x[i]), dX[i]);
        }
    }

    /// <summary>The derivation checks need the double forward pass accurate to about 1e-15 relative, also for tiny |x|.</summary>
    [Fact]
    public void VectorTanhSigmoidExp_InDouble_AreAccurateToAFewUlp_AtEveryMagnitude()
    {
        var rng = new Rng(7);
        int n = 4096;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double magnitude = Math.Pow(10, rng.Uniform(-15, 1.4));   // 1e-15 … 25
            x[i] = rng.NextDouble() < 0.5 ? -magnitude : magnitude;
        }
        var y = new double[n];
        double Worst(Func<double, double> reference)
        {
            double w = 0;
            for (int i = 0; i < n; i++) w = Math.Max(w, Math.Abs(y[i] - reference(x[i])) / Math.Abs(reference(x[i])));
            return w;
        }
        Activations.Tanh<double>(x, y);
        double tanh = Worst(Math.Tanh);
        Activations.Sigmoid<double>(x, y);
        double sigmoid = Worst(v => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v)));
        Activations.Exp<double>(x, y);
        double exp = Worst(Math.Exp);
        Assert.True(tanh < 2e-15, $"tanh: {tanh:E2}");
        Assert.True(sigmoid < 2e-15, $"sigmoid: {sigmoid:E2}");
        Assert.True(exp < 2e-15, $"exp: {exp:E2}");
    }

    [Fact]
    public void VectorTanh_InFloat_KeepsRelativeAccuracyForTinyInputs()
    {
        float[] x = [1e-20f, -3e-12f, 1e-7f, -2e-4f, 0.01f, -0.3f, 1f, -5f, 9f, -40f, 1e-30f, 0f, 2e-38f, -0.5f, 0.75f, 3f, 7f];
        var y = new float[x.Length];
        Activations.Tanh<float>(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double r = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - r) <= 4e-7 * Math.Abs(r), $"tanh({x[i]}) = {y[i]}, expected {r}");
        }
    }

    [Fact]
    public void Softmax_DoesNotOverflow_AndSumsToOne()
    {
        double[] x = [1000, 999, -1000, 1000.5, 3, 700, 710, 1e4, 1e4 - 1];
        var y = new double[x.Length];
        Activations.Softmax<double>(x, y);
        Assert.All(y, v => Assert.True(double.IsFinite(v) && v >= 0));
        Assert.Equal(1.0, y.Sum(), 14);
        Assert.Equal(1 / (1 + Math.Exp(-1)), y[7], 14);   // only the two largest survive: e⁰ / (e⁰ + e⁻¹)
    }

    [Fact]
    public void Kernels_RefuseMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Activations.TanhBackward<float>(new float[3], new float[4], new float[3]));
        Assert.Contains("3, 4", e.Message);
    }
}
