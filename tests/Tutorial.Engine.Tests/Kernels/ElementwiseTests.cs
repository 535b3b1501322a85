using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>Each vectorised kernel against its scalar twin for every length 0 … 3·Vector&lt;T&gt;.Count + 1.</summary>
public class ElementwiseTests
{
    public static IEnumerable<object[]> Lengths() =>
        Enumerable.Range(0, 3 * Vector<float>.Count + 2).Select(n => new object[] { n });

    private static float[] Random(int n, int seed) => Tensor<float>.Uniform(new Rng((ulong)seed), -2, 2, n).ToArray();

    [Theory, MemberData(nameof(Lengths))]
    public void BinaryKernels_MatchScalarTwins(int n)
    {
        float[] x = Random(n, 1), y = Random(n, 2);
        foreach (var (fast, slow) in new (Action<float[], float[], float[]>, Action<float[], float[], float[]>)[]
                 {
                     ((a, b, d) => Elementwise.Add<float>(a, b, d), (a, b, d) => ElementwiseReference.Add<float>(a, b, d)),
                     ((a, b, d) => Elementwise.Subtract<float>(a, b, d), (a, b, d) => ElementwiseReference.Subtract<float>(a, b, d)),
                     ((a, b, d) => Elementwise.Multiply<float>(a, b, d), (a, b, d) => ElementwiseReference.Multiply<float>(a, b, d)),
                     ((a, b, d) => Elementwise.ReluBackward<float>(a, b, d), (a, b, d) => ElementwiseReference.ReluBackward<float>(a, b, d)),
                 })
        {
            float[] d1 = new float[n], d2 = new float[n];
            fast(x, y, d1);
            slow(x, y, d2);
            Assert.Equal(d2, d1);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void ScaleAxpyRelu_MatchScalarTwins(int n)
    {
        float[] x = Random(n, 3);
        float[] d1 = Random(n, 4), d2 = (float[])d1.Clone();
        Elementwise.AddScaled<float>(x, 0.5f, d1);
        ElementwiseReference.AddScaled<float>(x, 0.5f, d2);
        Assert.Equal(d2, d1);
        Elementwise.Scale<float>(x, -3f, d1);
        ElementwiseReference.Scale<float>(x, -3f, d2);
        Assert.Equal(d2, d1);
        Elementwise.Relu<float>(x, d1);
        ElementwiseReference.Relu<float>(x, d2);
        Assert.Equal(d2, d1);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Reductions_MatchScalarTwins(int n)
    {
        double[] x = Tensor<double>.Uniform(new Rng(5), -2, 2, n).ToArray();
        double[] y = Tensor<double>.Uniform(new Rng(6), -2, 2, n).ToArray();
        Assert.Equal(ElementwiseReference.Sum<double>(x), Elementwise.Sum<double>(x), 12);
        Assert.Equal(ElementwiseReference.Dot<double>(x, y), Elementwise.Dot<double>(x, y), 12);
        Assert.Equal(ElementwiseReference.Max<double>(x), Elementwise.Max<double>(x));
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Elementwise.Add<float>(new float[3], new float[4], new float[3]));
        Assert.Contains("3, 4", e.Message);
    }
}
