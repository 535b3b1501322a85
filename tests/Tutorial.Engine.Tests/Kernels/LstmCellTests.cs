using System.Numerics;
using Tutorial.Engine.Kernels;

namespace Tutorial.Engine.Tests.Kernels;

/// <summary>The fused, vectorised LSTM step <see cref="LstmCell"/> against its scalar twin <see cref="LstmCellReference"/>.</summary>
public class LstmCellTests
{
    /// <summary>Hidden sizes around the vector widths (4, 8, 16 lanes): only a tail, whole vectors, vectors plus a tail.</summary>
    public static TheoryData<int> HiddenSizes => new() { 1, 3, 4, 7, 8, 9, 16, 17, 31, 32, 33, 128 };

    [Theory, MemberData(nameof(HiddenSizes))]
    public void Forward_Double_MatchesScalarTwin(int hidden) => CheckForward<double>(hidden, 1e-15);

    [Theory, MemberData(nameof(HiddenSizes))]
    public void Forward_Float_MatchesScalarTwin(int hidden) => CheckForward<float>(hidden, 1e-6);

    [Theory, MemberData(nameof(HiddenSizes))]
    public void Backward_Double_MatchesScalarTwin(int hidden) => CheckBackward<double>(hidden, 1e-15);

    [Theory, MemberData(nameof(HiddenSizes))]
    public void Backward_Float_MatchesScalarTwin(int hidden) => CheckBackward<float>(hidden, 1e-6);

    /// <summary>One unit worked by hand: a = [0, 0, 0, 0] (i = f = o = ½, g = 0), c_prev = 2: c = 1, h = tanh(1)/2.</summary>
    [Fact]
    public void Forward_OneUnit_MatchesHandComputedValues()
    {
        double[] gates = [0, 0, 0, 0], c = new double[1], tanhC = new double[1], h = new double[1];
        LstmCell.Forward<double>(gates, [2.0], c, tanhC, h, 1, 1);
        Assert.Equal([0.5, 0.5, 0.0, 0.5], gates);
        Assert.Equal(1.0, c[0], 15);
        Assert.Equal(Math.Tanh(1), tanhC[0], 15);
        Assert.Equal(Math.Tanh(1) / 2, h[0], 15);
    }

    [Fact]
    public void Forward_TooShortBuffer_Throws() =>
        Assert.Throws<ArgumentException>(() => LstmCell.Forward<float>(new float[7], new float[2], new float[2], new float[2], new float[2], 1, 2));

    private static void CheckForward<T>(int hidden, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = 3;
        var rng = new Random(hidden);
        T[] gates = Fill<T>(rng, n * 4 * hidden, 4), cPrev = Fill<T>(rng, n * hidden, 2);
        T[] gatesRef = (T[])gates.Clone();
        T[] c = new T[n * hidden], tc = new T[n * hidden], h = new T[n * hidden];
        T[] cRef = new T[n * hidden], tcRef = new T[n * hidden], hRef = new T[n * hidden];
        LstmCell.Forward<T>(gates, cPrev, c, tc, h, n, hidden);
        LstmCellReference.Forward<T>(gatesRef, cPrev, cRef, tcRef, hRef, n, hidden);
        AssertClose(gatesRef, gates, tolerance);
        AssertClose(cRef, c, tolerance);
        AssertClose(tcRef, tc, tolerance);
        AssertClose(hRef, h, tolerance);
    }

    private static void CheckBackward<T>(int hidden, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = 3;
        var rng = new Random(100 + hidden);
        // Activated gates as Forward leaves them: i, f, o in (0, 1), g and tanh(c) in (−1, 1).
        T[] gates = new T[n * 4 * hidden];
        for (int s = 0; s < n; s++)
            for (int j = 0; j < 4 * hidden; j++)
                gates[s * 4 * hidden + j] = T.CreateChecked(j / hidden == 2 ? rng.NextDouble() * 2 - 1 : rng.NextDouble());
        T[] cPrev = Fill<T>(rng, n * hidden, 2), tanhC = Fill<T>(rng, n * hidden, 1), dh = Fill<T>(rng, n * hidden, 1);
        T[] dc = Fill<T>(rng, n * hidden, 1), dcRef = (T[])dc.Clone();
        T[] dGates = new T[n * 4 * hidden], dGatesRef = new T[n * 4 * hidden];
        LstmCell.Backward<T>(gates, cPrev, tanhC, dh, dc, dGates, n, hidden);
        LstmCellReference.Backward<T>(gates, cPrev, tanhC, dh, dcRef, dGatesRef, n, hidden);
        AssertClose(dGatesRef, dGates, tolerance);
        AssertClose(dcRef, dc, tolerance);
    }

    private static T[] Fill<T>(Random rng, int count, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((rng.NextDouble() * 2 - 1) * scale)).ToArray();

    private static void AssertClose<T>(T[] expected, T[] actual, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"element {i}: expected {e:R}, got {a:R}");
        }
    }
}
