using Tutorial.Engine.Autograd;

namespace Tutorial.Engine.Tests.Autograd;

public class ValueTests
{
    /// <summary>The example from micrograd's README; it prints g = 24.7041, a.grad = 138.8338, b.grad = 645.5773.
    /// Full-precision values from PyTorch 1.13 in float64 (/usr/bin/python3, same expression with torch.tensor(..., requires_grad=True)):
    /// g = 24.70408163265306, ∂g/∂a = 138.83381924198252, ∂g/∂b = 645.5772594752186.</summary>
    [Fact]
    public void MicrogradReadmeExample_GivesKnownValueAndGradients()
    {
        var a = new Value(-4.0, "a");
        var b = new Value(2.0, "b");
        var c = a + b;
        var d = a * b + b.Pow(3);
        c += c + 1;
        c += 1 + c + (-a);
        d += d * 2 + (b + a).Relu();
        d += 3 * d + (b - a).Relu();
        var e = c - d;
        var f = e.Pow(2);
        var g = f / 2.0;
        g += 10.0 / f;
        g.Backward();

        Assert.Equal(24.70408163265306, g.Data, 12);
        Assert.Equal(138.83381924198252, a.Grad, 10);
        Assert.Equal(645.5772594752186, b.Grad, 10);
    }

    /// <summary>Karpathy's neuron: o = tanh(x1·w1 + x2·w2 + b) with b chosen so that n = 0.8814 and o = 1/√2.
    /// Then do/dn = 1 − o² = 0.5, do/dx1 = w1·0.5 = −1.5, do/dw1 = x1·0.5 = 1, do/dx2 = w2·0.5 = 0.5, do/dw2 = x2·0.5 = 0.</summary>
    [Fact]
    public void TanhNeuron_GivesHandDerivedGradients()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(6.8813735870195432, "b");
        var n = (x1 * w1 + x2 * w2 + b).Named("n");
        var o = n.Tanh().Named("o");
        o.Backward();

        Assert.Equal(1 / Math.Sqrt(2), o.Data, 12);
        Assert.Equal(0.5, n.Grad, 12);
        Assert.Equal(-1.5, x1.Grad, 12);
        Assert.Equal(1.0, w1.Grad, 12);
        Assert.Equal(0.5, x2.Grad, 12);
        Assert.Equal(0.0, w2.Grad, 12);
        Assert.Equal(0.5, b.Grad, 12);
    }

    /// <summary>Every operation at once, against PyTorch float64:
    /// y = exp(tanh(x0·x1 + x2)) + log(x2)·σ(x0) − x1³/x2 + x2^x0 at x = (0.3, −1.2, 2.0)
    /// gives y = 5.021429088686227 and ∇y = (0.5987101591360775, −2.0539750726627592, 0.39330934486503677).</summary>
    [Fact]
    public void EveryOperation_MatchesPyTorchValues()
    {
        var y = EveryOperation([0.3, -1.2, 2.0], out var x);
        y.Backward();
        Assert.Equal(5.021429088686227, y.Data, 12);
        Assert.Equal(0.5987101591360775, x[0].Grad, 12);
        Assert.Equal(-2.0539750726627592, x[1].Grad, 12);
        Assert.Equal(0.39330934486503677, x[2].Grad, 12);
    }

    private static Value EveryOperation(double[] values, out Value[] x)
    {
        x = values.Select((v, i) => new Value(v, $"x{i}")).ToArray();
        return (x[0] * x[1] + x[2]).Tanh().Exp() + x[2].Log() * x[0].Sigmoid() - x[1].Pow(3) / x[2] + x[2].Pow(x[0]);
    }

    public static TheoryData<string, double[]> FunctionsAndPoints => new()
    {
        { "every operation", [0.3, -1.2, 2.0] },
        { "every operation", [-0.7, 0.4, 0.5] },
        { "relu and neg", [1.5, -0.25, 3.0] },
        { "division chain", [0.8, 2.5, -1.1] },
        { "sigmoid of large input", [30.0, -40.0, 1.0] },
    };

    private static Value Build(string name, double[] values, out Value[] x) => name switch
    {
        "every operation" => EveryOperation(values, out x),
        "relu and neg" => ReluAndNeg(values, out x),
        "division chain" => DivisionChain(values, out x),
        "sigmoid of large input" => LargeSigmoid(values, out x),
        _ => throw new ArgumentException(name),
    };

    private static Value ReluAndNeg(double[] values, out Value[] x)
    {
        x = values.Select(v => new Value(v)).ToArray();
        return (x[0] * x[2]).Relu() + (-(x[1] * x[0])).Relu() * x[2] - (x[1] - 1).Relu();
    }

    private static Value DivisionChain(double[] values, out Value[] x)
    {
        x = values.Select(v => new Value(v)).ToArray();
        return x[0] / (x[1] + x[2] * x[2]) / (1 + x[0] * x[0]) - 3 / x[1];
    }

    private static Value LargeSigmoid(double[] values, out Value[] x)
    {
        x = values.Select(v => new Value(v)).ToArray();
        return (x[0] * 0.1).Sigmoid() * (x[1] * 0.05).Sigmoid() + x[2].Sigmoid();
    }

    [Theory]
    [MemberData(nameof(FunctionsAndPoints))]
    public void Backward_MatchesCentralDifferences(string function, double[] point)
    {
        var y = Build(function, point, out var x);
        y.Backward();
        const double h = 1e-6;
        for (int i = 0; i < point.Length; i++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Build(function, plus, out _).Data - Build(function, minus, out _).Data) / (2 * h);
            double relErr = Math.Abs(numeric - x[i].Grad) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(x[i].Grad)), 1e-8);
            Assert.True(relErr < 1e-6, $"{function} at ({string.Join(", ", point)}): ∂/∂x{i} analytic {x[i].Grad}, numeric {numeric}, relative error {relErr}");
        }
    }

    [Fact]
    public void SharedSubexpression_AccumulatesBothPaths()
    {
        // b = a + a: db/da = 2 (micrograd's famous bug when gradients are assigned instead of added).
        var a = new Value(3.0, "a");
        var b = a + a;
        b.Backward();
        Assert.Equal(2.0, a.Grad);

        // f = d·e with d = x·y and e = x + y, both using x and y: ∂f/∂x = y·e + d = y(x+y) + xy.
        var x = new Value(-2.0, "x");
        var y = new Value(3.0, "y");
        var d = x * y;
        var e = x + y;
        var f = d * e;
        f.Backward();
        Assert.Equal(3.0 * (-2.0 + 3.0) + (-2.0 * 3.0), x.Grad);   // −3
        Assert.Equal(-2.0 * (-2.0 + 3.0) + (-2.0 * 3.0), y.Grad);  // −8

        // a·a: ∂/∂a = 2a, and a node reused as c·c·c gives 3c².
        var c = new Value(1.5);
        var cube = c * c * c;
        cube.Backward();
        Assert.Equal(3 * 1.5 * 1.5, c.Grad, 14);
    }

    [Fact]
    public void BackwardTwice_GivesTheSameGradients_NotDoubled()
    {
        var y = EveryOperation([0.3, -1.2, 2.0], out var x);
        y.Backward();
        var first = y.Nodes().Select(n => n.Grad).ToArray();
        y.Backward();
        var second = y.Nodes().Select(n => n.Grad).ToArray();
        Assert.Equal(first, second);
        Assert.Equal(0.5987101591360775, x[0].Grad, 12);
    }

    [Fact]
    public void BackwardOnASubexpression_ResetsOnlyThatGraph()
    {
        var a = new Value(2.0, "a");
        var b = new Value(5.0, "b");
        var ab = a * b;
        var loss = ab + b;
        loss.Backward();
        Assert.Equal(5.0, a.Grad);
        Assert.Equal(3.0, b.Grad);
        // Backward from ab: gradients now mean ∂(ab)/∂·; loss is not part of ab's graph and keeps its old grad.
        ab.Backward();
        Assert.Equal(5.0, a.Grad);
        Assert.Equal(2.0, b.Grad);
        Assert.Equal(1.0, loss.Grad);
    }

    [Fact]
    public void Backward_OnAVeryDeepGraph_DoesNotOverflowTheStack()
    {
        var x = new Value(1.0, "x");
        Value y = x;
        const int depth = 100_000;
        for (int i = 0; i < depth; i++) y = y + 0.000001 * x;
        y.Backward();
        Assert.Equal(1.0 + depth * 0.000001, x.Grad, 9);
        Assert.Equal(depth * 3 + 1, y.TopologicalOrder().Count); // x, then per step: a constant, a product and a sum
    }

    [Fact]
    public void Nodes_ListsEachNodeOnceInTopologicalOrder_WithOpValueAndGrad()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = (a * b).Named("c");
        var d = (c + a).Named("d");
        d.Backward();
        var nodes = d.Nodes();

        Assert.Equal(["a", "b", "c", "d"], nodes.Select(n => n.Label));
        Assert.Equal(["", "", "*", "+"], nodes.Select(n => n.Op));
        Assert.Equal([2.0, -3.0, -6.0, -4.0], nodes.Select(n => n.Data));
        Assert.Equal([-3.0 + 1.0, 2.0, 1.0, 1.0], nodes.Select(n => n.Grad));
        Assert.Equal([0, 1], nodes[2].Inputs);
        Assert.Equal([2, 0], nodes[3].Inputs);
        Assert.True(nodes[0].IsLeaf);
        Assert.False(nodes[3].IsLeaf);
        Assert.All(nodes, n => Assert.All(n.Inputs, i => Assert.True(i < n.Id)));
    }

    [Fact]
    public void ToDot_DrawsValuesAndOperations()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = (a * b).Named("c");
        c.Backward();
        string expected =
            "digraph G {\n" +
            "  rankdir=LR;\n" +
            "  node [fontname=\"Helvetica\"];\n" +
            "  v0 [shape=record, label=\"{ a | data 2.0000 | grad -3.0000 }\"];\n" +
            "  v1 [shape=record, label=\"{ b | data -3.0000 | grad 2.0000 }\"];\n" +
            "  v2 [shape=record, label=\"{ c | data -6.0000 | grad 1.0000 }\"];\n" +
            "  op2 [shape=ellipse, label=\"*\"];\n" +
            "  op2 -> v2;\n" +
            "  v0 -> op2;\n" +
            "  v1 -> op2;\n" +
            "}\n";
        Assert.Equal(expected, c.ToDot());
    }

    [Fact]
    public void ToDot_EscapesRecordCharactersInLabels()
    {
        var x = new Value(1.0, "w{1}|<in>");
        string dot = (x * 2).ToDot();
        Assert.Contains("w\\{1\\}\\|\\<in\\>", dot);
    }

    [Fact]
    public void Log_OfNonPositive_Throws_NamingTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Value(-1.0, "p").Log());
        Assert.Contains("-1", ex.Message);
        Assert.Contains("(p)", ex.Message);
    }

    [Fact]
    public void Relu_AtZero_HasZeroDerivative_AndSigmoidIsStableForLargeInputs()
    {
        var z = new Value(0.0);
        var r = z.Relu();
        r.Backward();
        Assert.Equal(0.0, z.Grad);

        var big = new Value(-800.0);
        var s = big.Sigmoid();
        s.Backward();
        Assert.Equal(0.0, s.Data);
        Assert.False(double.IsNaN(big.Grad));
        Assert.Equal(1.0, new Value(800.0).Sigmoid().Data);
    }

    [Fact]
    public void GradientDescent_OnAQuadratic_ConvergesToTheMinimum()
    {
        // minimise (w − 3)² + (v + 1)² by rebuilding the expression each step, as a training loop does
        var w = new Value(0.0, "w");
        var v = new Value(0.0, "v");
        for (int step = 0; step < 200; step++)
        {
            var loss = (w - 3).Pow(2) + (v + 1).Pow(2);
            loss.Backward();
            w.Data -= 0.1 * w.Grad;
            v.Data -= 0.1 * v.Grad;
        }
        Assert.Equal(3.0, w.Data, 9);
        Assert.Equal(-1.0, v.Data, 9);
    }
}
