using System.Text.Json;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Fixtures;

namespace Tutorial.Engine.Tests.Optimizers;

/// <summary>Clipping by global norm and by value against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (optimizers.json).</summary>
public class GradientClippingTests
{
    private static readonly JsonElement[] Cases = Fixture.Load("optimizers").GetProperty("clipping").EnumerateArray().ToArray();

    public static IEnumerable<object[]> CaseIndices() =>
        Cases.Select((c, i) => new object[] { i, $"{c.GetProperty("kind").GetString()} {c.GetProperty("limit")} p={c.GetProperty("norm_type")}" });

    private static Parameter<double>[] WithGradients(IEnumerable<Tensor<double>> grads) =>
        grads.Select((g, i) =>
        {
            var p = new Parameter<double>($"p{i}", new Tensor<double>(g.Shape));
            g.CopyTo(p.Grad);
            return p;
        }).ToArray();

    [Theory, MemberData(nameof(CaseIndices))]
    public void Clipping_MatchesPyTorch(int index, string description)
    {
        var c = Cases[index];
        var parameters = WithGradients(c.GetProperty("before").EnumerateArray().Select(Fixture.Tensor));
        double limit = c.GetProperty("limit").GetDouble();
        if (c.GetProperty("kind").GetString() == "norm")
        {
            var nt = c.GetProperty("norm_type");
            double normType = nt.ValueKind == JsonValueKind.String ? double.PositiveInfinity : nt.GetDouble();
            double total = GradientClipping.ClipByGlobalNorm(parameters, limit, normType);
            double expected = c.GetProperty("total_norm").GetDouble();
            Assert.True(Math.Abs(total - expected) <= 1e-12 * expected, $"{description}: norm {total:R}, PyTorch {expected:R}");
        }
        else GradientClipping.ClipByValue(parameters, limit);

        var after = c.GetProperty("after").EnumerateArray().Select(Fixture.Tensor).ToArray();
        for (int k = 0; k < after.Length; k++)
            for (int i = 0; i < after[k].Length; i++)
                Assert.True(Math.Abs(parameters[k].Grad[i] - after[k][i]) <= 1e-12 * Math.Max(1, Math.Abs(after[k][i])),
                    $"{description}: gradient {k}[{i}] {parameters[k].Grad[i]:R}, PyTorch {after[k][i]:R}");
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesAllGradientsTogether_ToTheMaximum()
    {
        // ‖(3, 4)‖ = 5 over two parameters; clipped to 1 they become (3, 4)/(5 + 1e−6).
        var ps = WithGradients([Tensor<double>.FromDoubles([3], 1), Tensor<double>.FromDoubles([4], 1)]);
        double norm = GradientClipping.ClipByGlobalNorm(ps, 1.0);
        Assert.Equal(5, norm, 15);
        Assert.Equal(3 / (5 + 1e-6), ps[0].Grad[0], 15);
        Assert.Equal(4 / (5 + 1e-6), ps[1].Grad[0], 15);
        Assert.Equal(1, GradientClipping.GlobalNorm(ps), 6);
    }

    [Fact]
    public void ClipByGlobalNorm_BelowTheMaximum_ChangesNothing()
    {
        var ps = WithGradients([Tensor<double>.FromDoubles([0.3, -0.1], 2)]);
        double norm = GradientClipping.ClipByGlobalNorm(ps, 1.0);
        Assert.Equal(Math.Sqrt(0.1), norm, 15);
        Assert.Equal([0.3, -0.1], ps[0].Grad.ToArray());
    }

    [Fact]
    public void ClipByGlobalNorm_NonFiniteNorm_SpreadsNaN_OrThrowsWhenAsked()
    {
        var ps = WithGradients([Tensor<double>.FromDoubles([1, double.NaN], 2)]);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(ps, 1.0)));
        Assert.True(double.IsNaN(ps[0].Grad[0]));   // like PyTorch: the NaN norm makes every gradient NaN

        var qs = WithGradients([Tensor<double>.FromDoubles([1, double.PositiveInfinity], 2)]);
        var e = Assert.Throws<ArithmeticException>(() => GradientClipping.ClipByGlobalNorm(qs, 1.0, errorIfNonFinite: true));
        Assert.Contains("the total gradient norm (p = 2) is Infinity", e.Message);
    }

    [Fact]
    public void Clipping_WorksInFloat()
    {
        var p = new Parameter<float>("w", new Tensor<float>(2));
        p.Grad[0] = 30;
        p.Grad[1] = -40;
        Assert.Equal(50, GradientClipping.ClipByGlobalNorm([p], 5), 5);
        Assert.Equal(3f, p.Grad[0], 4);
        Assert.Equal(-4f, p.Grad[1], 4);
        GradientClipping.ClipByValue([p], 3.5);
        Assert.Equal([3f, -3.5f], p.Grad.ToArray());
    }

    [Fact]
    public void Clipping_RefusesBadLimits()
    {
        var ps = WithGradients([Tensor<double>.FromDoubles([1], 1)]);
        Assert.Contains("max norm must be zero or positive and finite, got -1",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(ps, -1)).Message);
        Assert.Contains("the norm type p must be positive (or ∞), got 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(ps, 1, normType: 0)).Message);
        Assert.Contains("the clip value must be zero or positive and finite, got NaN",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(ps, double.NaN)).Message);
    }
}
