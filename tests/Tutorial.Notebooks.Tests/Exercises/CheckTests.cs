using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Notebooks.Exercises;

namespace Tutorial.Notebooks.Tests.Exercises;

public class CheckTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double SigmoidDerivativeReference(double x) => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2);

    [Fact]
    public void Function_RightDerivative_Passes_WithFullPoints()
    {
        var r = Check.Function("sigmoid-derivative", points: 2, learner: x => Sigmoid(x) * (1 - Sigmoid(x)), reference: SigmoidDerivativeReference);
        Assert.True(r.Passed, r.Message);
        Assert.Equal(2, r.Earned);
        Assert.Null(r.Mismatch);
        Assert.Contains("all 16 values agree", r.Message);
        Assert.StartsWith("✔ sigmoid-derivative passed (2/2 points)", r.ToString());
    }

    [Fact]
    public void Function_WrongDerivative_Fails_WithTheFirstMismatchAndBothValues()
    {
        // Right for negative x, wrong (σ² instead of σ(1 − σ)) from 0 on: the first mismatch is input 3, x = 0.5.
        double Learner(double x) => x < 0 ? Sigmoid(x) * (1 - Sigmoid(x)) : Sigmoid(x) * Sigmoid(x);
        var r = Check.Function("sigmoid-derivative", learner: Learner, reference: SigmoidDerivativeReference, inputs: [-2, -1, 0.5, 1, 3]);
        Assert.False(r.Passed);
        Assert.Equal(0, r.Earned);
        var m = Assert.IsType<Mismatch>(r.Mismatch);
        Assert.Equal(2, m.Index);
        Assert.Equal("x = 0.5 (input 3 of 5)", m.Where);
        Assert.Equal(SigmoidDerivativeReference(0.5), m.Expected);
        Assert.Equal(Sigmoid(0.5) * Sigmoid(0.5), m.Got);
        Assert.Equal(GradientChecker.RelativeError(m.Got, m.Expected), m.RelativeError, 15);
        Assert.Equal((0.3874556190002500 - 0.2350037122015945) / 0.3874556190002500, m.RelativeError, 12);
        Assert.Contains("first mismatch at x = 0.5 (input 3 of 5): expected 0.2350037122, got 0.387455619", r.Message);
    }

    [Fact]
    public void Function_ThrowingLearner_IsReportedAsAFailedCheck_NotThrown()
    {
        var placeholder = Check.Function("sigmoid-derivative", learner: _ => throw new NotImplementedException("Exercise: implement SigmoidDerivative."),
            reference: SigmoidDerivativeReference);
        Assert.False(placeholder.Passed);
        Assert.Equal("NotImplementedException", placeholder.Exception);
        Assert.Equal("not implemented yet: Exercise: implement SigmoidDerivative.", placeholder.Message);

        var faulty = Check.Function("sigmoid-derivative", learner: x => x > 0 ? throw new InvalidOperationException("boom") : 0.25,
            reference: SigmoidDerivativeReference, inputs: [-1, 0.5]);
        Assert.False(faulty.Passed);
        Assert.Equal("InvalidOperationException", faulty.Exception);
        Assert.Equal("your code threw InvalidOperationException for x = 0.5: boom", faulty.Message);
    }

    [Fact]
    public void Function_NaN_IsAMismatch_WithInfiniteRelativeError()
    {
        var r = Check.Function("log-derivative", learner: x => x > 1 ? double.NaN : 1 / x, reference: x => 1 / x, inputs: [0.5, 1, 2]);
        Assert.False(r.Passed);
        Assert.Equal(2, r.Mismatch!.Index);
        Assert.True(double.IsNaN(r.Mismatch.Got));
        Assert.Equal(0.5, r.Mismatch.Expected);
        Assert.Equal(double.PositiveInfinity, r.Mismatch.RelativeError);
        Assert.Contains("got NaN", r.Message);
    }

    [Fact]
    public void TensorFunction_WrongShape_FailsNamingBothShapes_RightFunctionPasses()
    {
        static Tensor<double> Relu(Tensor<double> x)
        {
            var y = x.Clone();
            for (int i = 0; i < y.Length; i++) y.Span[i] = Math.Max(0, y.Span[i]);
            return y;
        }
        Assert.True(Check.Function("relu", learner: x => Relu(x), reference: Relu).Passed);
        var r = Check.Function("relu", learner: x => Relu(x).Reshape(5, 4), reference: Relu);
        Assert.False(r.Passed);
        Assert.Equal("y (input 1 of 3, shape (4, 5)) has shape (5, 4), expected (4, 5)", r.Message);
    }

    [Fact]
    public void TensorFunction_ReportsTheFirstMismatchAsAMultiIndex()
    {
        var x = Tensor<double>.FromDoubles([1, -2, 3, -4, 5, -6], 2, 3);
        var r = Check.Function("abs", learner: t =>
        {
            var y = t.Clone();
            for (int i = 0; i < y.Length; i++) y.Span[i] = i < 4 ? Math.Abs(y.Span[i]) : y.Span[i];
            return y;
        }, reference: t =>
        {
            var y = t.Clone();
            for (int i = 0; i < y.Length; i++) y.Span[i] = Math.Abs(y.Span[i]);
            return y;
        }, inputs: [x]);
        Assert.False(r.Passed);
        Assert.Equal("y[1, 2] (input 1 of 1, shape (2, 3))", r.Mismatch!.Where);
        Assert.Equal(5, r.Mismatch.Index);
        Assert.Equal(6, r.Mismatch.Expected);
        Assert.Equal(-6, r.Mismatch.Got);
        Assert.Equal(2, r.Mismatch.RelativeError);
    }

    [Fact]
    public void Derivative_AgainstNumericalDifferences_RightPasses_WrongFailsAtTheFirstInput()
    {
        var right = Check.Derivative("tanh-derivative", f: Math.Tanh, learnerDerivative: x => 1 - Math.Tanh(x) * Math.Tanh(x));
        Assert.True(right.Passed, right.Message);
        var wrong = Check.Derivative("tanh-derivative", f: Math.Tanh, learnerDerivative: x => 1 - Math.Tanh(x), inputs: [0.0, 0.7]);
        Assert.False(wrong.Passed);
        var m = wrong.Mismatch!;
        Assert.Equal(1, m.Index); // at x = 0 both are 1
        Assert.Equal(1 - Math.Tanh(0.7), m.Got);
        Assert.Equal(1 - Math.Tanh(0.7) * Math.Tanh(0.7), m.Expected, 8);
        Assert.Contains("numerical derivative", wrong.Message);
    }

    private static readonly Tensor<double> Target = Tensor<double>.Normal(new Rng(7), 0, 1, 3, 4);

    private static double Mse(Tensor<double> p)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += (p.Span[i] - Target.Span[i]) * (p.Span[i] - Target.Span[i]);
        return sum / p.Length;
    }

    private static Tensor<double> MseGradient(Tensor<double> p, double factor)
    {
        var g = new Tensor<double>(p.Shape.Dims);
        for (int i = 0; i < p.Length; i++) g.Span[i] = factor * (p.Span[i] - Target.Span[i]) / p.Length;
        return g;
    }

    [Fact]
    public void Gradient_RightMseGradient_Passes_MissingFactorTwoFails_WrongShapeIsNamed()
    {
        var right = Check.Gradient("mse-gradient", Mse, p => MseGradient(p, 2), shape: [3, 4], points: 2);
        Assert.True(right.Passed, right.Message);
        Assert.Equal(2, right.Earned);

        var wrong = Check.Gradient("mse-gradient", Mse, p => MseGradient(p, 1), shape: [3, 4]);
        Assert.False(wrong.Passed);
        var m = wrong.Mismatch!;
        Assert.Equal(0.5, m.Got / m.Expected, 6); // half the numerical gradient everywhere
        Assert.Equal(0.5, m.RelativeError, 6);
        Assert.StartsWith("largest mismatch at x[", wrong.Message);

        var shaped = Check.Gradient("mse-gradient", Mse, p => MseGradient(p, 2).Reshape(12), shape: [3, 4]);
        Assert.Equal("the gradient has shape (12,), expected (3, 4) (the shape of x)", shaped.Message);
    }

    /// <summary>A learner's fully connected layer, written with plain loops, with two classic mistakes available.</summary>
    private sealed class LoopLinear(int inFeatures, int outFeatures, bool overwriteGrad = false, bool scaleDY = false) : Layer<double>
    {
        private readonly Parameter<double> _w = new("weight", new Tensor<double>(outFeatures, inFeatures));
        private readonly Parameter<double> _b = new("bias", new Tensor<double>(outFeatures));
        private Tensor<double>? _x;

        public override IReadOnlyList<Parameter<double>> Parameters => [_w, _b];

        public override Tensor<double> Forward(Tensor<double> x)
        {
            _x = x;
            var y = new Tensor<double>(x.Rows, outFeatures);
            for (int n = 0; n < x.Rows; n++)
                for (int o = 0; o < outFeatures; o++)
                {
                    double s = _b.Value[o];
                    for (int i = 0; i < inFeatures; i++) s += x[n, i] * _w.Value[o, i];
                    y[n, o] = s;
                }
            return y;
        }

        public override Tensor<double> Backward(Tensor<double> dY)
        {
            var x = _x!;
            var dX = new Tensor<double>(x.Rows, inFeatures);
            if (overwriteGrad)
            {
                _w.ZeroGrad();
                _b.ZeroGrad();
            }
            for (int n = 0; n < x.Rows; n++)
                for (int o = 0; o < outFeatures; o++)
                {
                    _b.Grad[o] += dY[n, o];
                    for (int i = 0; i < inFeatures; i++)
                    {
                        dX[n, i] += dY[n, o] * _w.Value[o, i];
                        _w.Grad[o, i] += dY[n, o] * x[n, i];
                    }
                }
            if (scaleDY)
                for (int k = 0; k < dY.Length; k++) dY.Span[k] *= 2;
            return dX;
        }
    }

    [Fact]
    public void Layer_AgainstTheEngineLinear_RightPasses_OverwrittenGradFailsWithAHint()
    {
        var right = Check.Layer("linear-backward", learner: () => new LoopLinear(3, 2), inputShape: [4, 3],
            reference: () => new Linear<double>(3, 2, new Rng(1)));
        Assert.True(right.Passed, right.Message);
        Assert.Equal("y, dX, weight.Grad, bias.Grad agree with Linear(in: 3, out: 2)", right.Message);

        var overwrite = Check.Layer("linear-backward", learner: () => new LoopLinear(3, 2, overwriteGrad: true), inputShape: [4, 3],
            reference: () => new Linear<double>(3, 2, new Rng(1)));
        Assert.False(overwrite.Passed);
        Assert.StartsWith("first mismatch at weight.Grad[0, 0]", overwrite.Message);
        Assert.EndsWith("it looks as if Backward overwrote weight.Grad instead of adding (+=) into it", overwrite.Message);

        var changesDY = Check.Layer("linear-backward", learner: () => new LoopLinear(3, 2, scaleDY: true), inputShape: [4, 3],
            reference: () => new Linear<double>(3, 2, new Rng(1)));
        Assert.Equal("Backward changed its argument dY; it must leave dY as it is", changesDY.Message);

        var wrongShapes = Check.Layer("linear-backward", learner: () => new LoopLinear(2, 3), inputShape: [4, 3],
            reference: () => new Linear<double>(3, 2, new Rng(1)));
        Assert.Equal("the layer has parameters weight (3, 2), bias (3,); expected weight (2, 3), bias (2,), in this order", wrongShapes.Message);
    }

    [Fact]
    public void Layer_WithoutReference_IsCheckedAgainstNumericalGradients()
    {
        var r = Check.Layer("linear-numeric", learner: () => new Linear<double>(3, 2, new Rng(3)), inputShape: [4, 3]);
        Assert.True(r.Passed, r.Message);
        Assert.StartsWith("Backward agrees with numerical gradients for dX, weight.Grad, bias.Grad", r.Message);
        var broken = Check.Layer("linear-numeric", learner: () => new HalfGradient(new Linear<double>(3, 2, new Rng(3))), inputShape: [4, 3]);
        Assert.False(broken.Passed);
        Assert.StartsWith("largest mismatch at dX[", broken.Message);
        Assert.Equal(0.5, broken.Mismatch!.Got / broken.Mismatch.Expected, 5);
    }

    /// <summary>Wraps a layer and returns half of its dX: a wrong Backward.</summary>
    private sealed class HalfGradient(Layer<double> inner) : Layer<double>
    {
        public override IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public override Tensor<double> Forward(Tensor<double> x) => inner.Forward(x);

        public override Tensor<double> Backward(Tensor<double> dY)
        {
            var dX = inner.Backward(dY);
            for (int i = 0; i < dX.Length; i++) dX.Span[i] *= 0.5;
            return dX;
        }
    }

    /// <summary>A learner's mean squared error.</summary>
    private sealed class LearnerMse(double factor) : Loss<double>
    {
        private Tensor<double>? _p, _y;

        public override double Forward(Tensor<double> prediction, Tensor<double> target)
        {
            (_p, _y) = (prediction, target);
            double s = 0;
            for (int i = 0; i < prediction.Length; i++) s += Math.Pow(prediction.Span[i] - target.Span[i], 2);
            return s / prediction.Length;
        }

        public override Tensor<double> Backward()
        {
            var g = new Tensor<double>(_p!.Shape);
            for (int i = 0; i < g.Length; i++) g.Span[i] = factor * (_p.Span[i] - _y!.Span[i]) / g.Length;
            return g;
        }
    }

    [Fact]
    public void Loss_AgainstReferenceAndNumerically_RightPasses_WrongGradientFails()
    {
        var p = Tensor<double>.Normal(new Rng(2), 0, 1, 4, 3);
        var y = Tensor<double>.Normal(new Rng(5), 0, 1, 4, 3);
        Assert.True(Check.Loss("mse", () => new LearnerMse(2), p, y, reference: () => new MeanSquaredError<double>()).Passed);
        Assert.True(Check.Loss("mse", () => new LearnerMse(2), p, y).Passed);
        var wrong = Check.Loss("mse", () => new LearnerMse(1), p, y, reference: () => new MeanSquaredError<double>());
        Assert.False(wrong.Passed);
        Assert.Equal("dP[0, 0]", wrong.Mismatch!.Where);
        Assert.Equal(2 * (p[0, 0] - y[0, 0]) / 12, wrong.Mismatch.Expected, 14);
        Assert.Equal((p[0, 0] - y[0, 0]) / 12, wrong.Mismatch.Got, 14);
        Assert.False(Check.Loss("mse", () => new LearnerMse(1), p, y).Passed);
    }

    /// <summary>A learner's plain gradient descent step θ ← θ − ηg (or the wrong sign).</summary>
    private sealed class PlainSgd(IEnumerable<Parameter<double>> parameters, double learningRate, double sign = -1) : Optimizer<double>(parameters, learningRate)
    {
        protected override void Update(Parameter<double> parameter, int index)
        {
            for (int i = 0; i < parameter.Value.Length; i++) parameter.Value.Span[i] += sign * LearningRate * parameter.Grad.Span[i];
        }
    }

    [Fact]
    public void Optimizer_PlainSgd_MatchesTheEngine_WrongSignFailsAfterStepOne()
    {
        var right = Check.Optimizer("sgd-step", learner: ps => new PlainSgd(ps, 0.1), reference: ps => new Sgd<double>(ps, 0.1));
        Assert.True(right.Passed, right.Message);
        Assert.Equal("the parameters agree with Sgd(lr: 0.1) after each of 3 steps", right.Message);
        var wrong = Check.Optimizer("sgd-step", learner: ps => new PlainSgd(ps, 0.1, sign: +1), reference: ps => new Sgd<double>(ps, 0.1));
        Assert.False(wrong.Passed);
        Assert.Equal("weight[0, 0] after step 1", wrong.Mismatch!.Where);
    }

    [Fact]
    public void Value_IntegersExactly_NumbersWithinTolerance_ThrowingAnswerIsReported()
    {
        static int ConvOutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;
        Assert.True(Check.Value("conv-output-size", ConvOutputSize(32, 5, 1, 2), expected: 32).Passed);
        var wrong = Check.Value("conv-output-size", ConvOutputSize(32, 5, 1, 0), expected: 32);
        Assert.Equal("expected 32, got 28", wrong.Message);
        Assert.Equal(new Mismatch("answer", 0, 32, 28, 0.125), wrong.Mismatch);

        Assert.True(Check.Value("log2", Math.Log(2), expected: 0.6931, tolerance: 1e-4).Passed);
        Assert.False(Check.Value("log2", Math.Log(2), expected: 0.6931).Passed);

        var thrown = Check.Value("conv-output-size", () => (int)ThrowNotImplemented(), expected: 32);
        Assert.False(thrown.Passed);
        Assert.Equal("not implemented yet: Exercise: implement ConvOutputSize.", thrown.Message);

        Assert.True(Check.Value("answer", () => "relu", "relu").Passed);
        Assert.Equal("expected \"relu\", got \"tanh\"", Check.Value("answer", () => "tanh", "relu").Message);
        var tensor = Check.Value("matrix", Tensor<double>.FromDoubles([1, 2, 3, 4], 2, 2), Tensor<double>.FromDoubles([1, 2, 3, 5], 2, 2));
        Assert.Equal("answer[1, 1]", tensor.Mismatch!.Where);
        Assert.Equal("answer is null; expected a tensor of shape (2, 2)", Check.Value("matrix", (Tensor<double>?)null, Tensor<double>.Zeros(2, 2)).Message);
    }

    private static double ThrowNotImplemented() => throw new NotImplementedException("Exercise: implement ConvOutputSize.");

    [Fact]
    public void AuthorMistakes_Throw_LearnerMistakesNever()
    {
        Assert.Throws<ArgumentException>(() => Check.Value("", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Value("x", 1, 1, points: -1));
    }
}
