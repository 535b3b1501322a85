using System.Text.Json;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Layers;

/// <summary>Comparisons and fixture access shared by the convolution and pooling tests.</summary>
internal static class ConvAssert
{
    private static readonly Lazy<JsonElement> Root = new(() => Fixtures.Fixture.Load("conv"));

    /// <summary>The root of Fixtures/conv.json (written by generate_conv.py).</summary>
    public static JsonElement Data => Root.Value;

    /// <summary>Case <paramref name="index"/> of the array <paramref name="section"/>.</summary>
    public static JsonElement Case(string section, int index) => Data.GetProperty(section)[index];

    /// <summary>Indices 0 … count−1 of a fixture section, as xunit member data.</summary>
    public static IEnumerable<object[]> CaseIndices(string section) =>
        Enumerable.Range(0, Data.GetProperty(section).GetArrayLength()).Select(i => new object[] { i });

    /// <summary>A (h, w) pair stored as [h, w].</summary>
    public static Pair2D Pair(JsonElement e, string property)
    {
        var p = e.GetProperty(property);
        return new Pair2D(p[0].GetInt32(), p[1].GetInt32());
    }

    /// <summary>Same shape, and |actual − expected| ≤ tolerance·max(1, |expected|) for every element.</summary>
    public static void Close(Tensor<double> expected, Tensor<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Shape == actual.Shape, $"{what}: expected shape {expected.Shape}, got {actual.Shape}.");
        var e = expected.Span;
        var a = actual.Span;
        for (int i = 0; i < e.Length; i++)
        {
            double bound = tolerance * Math.Max(1, Math.Abs(e[i]));
            if (!(Math.Abs(a[i] - e[i]) <= bound))
                Assert.Fail($"{what}: element {i} is {a[i]:R}, expected {e[i]:R} (tolerance {bound:0.#e+0}).");
        }
    }
}
