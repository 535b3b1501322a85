using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using static Tutorial.Notebooks.Exercises.CheckRun;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// Automatic checks for exercise cells. A learner implements a function (a derivative, a loss
/// gradient, a layer's Backward, an optimizer step, a number such as a convolution's output size);
/// a check compares it with a reference on seeded random inputs, or with numerical gradients, and
/// shows ✔ passed or ✘ failed with the first mismatch (where, expected, got, relative error) in
/// HTML and text.
/// <code>
/// using Tutorial.Notebooks.Exercises;
///
/// double SigmoidDerivative(double x)
/// {
///     // BEGIN SOLUTION
///     double s = 1 / (1 + Math.Exp(-x));
///     return s * (1 - s);
///     // END SOLUTION
/// }
///
/// Check.Function("sigmoid-derivative", points: 1, learner: SigmoidDerivative,
///     reference: x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2));
/// Check.Derivative("tanh-derivative", f: Math.Tanh, learnerDerivative: x => 1 - Math.Tanh(x) * Math.Tanh(x));
/// Check.Gradient("mse-gradient", f: p => Mse(p, y), learnerGradient: p => MseGradient(p, y), points: 2);
/// Check.Layer("linear-backward", learner: () => new MyLinear(3, 2), inputShape: [4, 3],
///     reference: () => new Linear&lt;double&gt;(3, 2, new Rng(1)));
/// Check.Value("conv-output-size", () => ConvOutputSize(32, kernel: 5, stride: 1, padding: 2), expected: 32);
/// Check.Summary();   // a table of this notebook's checks and the total
/// </code>
/// <para><b>Never crashes the notebook.</b> An exception from the learner's code (the
/// <c>NotImplementedException</c> of an unsolved exercise, a shape error), a wrong shape, NaN, or code
/// that does not return within <see cref="TimeLimit"/> is reported as a failed check and the notebook
/// goes on. Wrap an answer that is computed by the learner's code in a lambda
/// (<c>() =&gt; ConvOutputSize(…)</c>) so that its exception is caught too. Wrong arguments from the
/// exercise's author (an empty id, negative points) do throw.</para>
/// <para><b>Tolerances.</b> Against a reference (Function, Layer and Loss with a reference, Optimizer,
/// Value) a value passes when |got − expected| ≤ tolerance·max(1, |expected|), default
/// <see cref="DefaultTolerance"/>. Against numerical gradients (Derivative, Gradient, Layer and Loss
/// without a reference) the relative error of <see cref="GradientChecker"/> must be ≤ tolerance,
/// default <see cref="NumericalTolerance"/>; the largest error is reported. Random inputs are drawn
/// with <c>seed</c>, so every run checks the same values. Checks work in double precision.</para>
/// <para><b>Grading.</b> Each check has an id, unique in its notebook, and is worth <c>points</c>
/// (default 1). Its result is shown as a display_data output that also carries a JSON marker
/// (<see cref="CheckMarker.MimeType"/>), recorded in the session's <see cref="Scoreboard"/>, and
/// returned. <c>tutorial grade</c> reads the markers from the executed notebook. Write ids as string
/// literals and points as numeric literals (<c>points: 2</c>): <c>tutorial exercises</c> and
/// <c>tutorial grade</c> find the declared checks by reading the source, so that a check a learner's
/// notebook never reached still counts in the total. End a check line with a semicolon; as a cell's
/// last expression the result would be shown a second time, as one line.</para>
/// </summary>
public static class Check
{
    /// <summary>Tolerance against a reference: |got − expected| ≤ 1e-6·max(1, |expected|).</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Tolerance against central differences: relative error ≤ 1e-5 (finite differences carry about 1e-9 of noise in double).</summary>
    public const double NumericalTolerance = 1e-5;

    /// <summary>How long a check waits for the learner's code before failing it (default 30 s), for this notebook session.</summary>
    public static TimeSpan TimeLimit
    {
        get => ExerciseContext.Current.TimeLimit;
        set
        {
            if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), value, "Check.TimeLimit must be positive.");
            ExerciseContext.Current.TimeLimit = value;
        }
    }

    /// <summary>
    /// Compares a scalar function with a reference at <paramref name="inputs"/> (default: 16 values drawn
    /// uniformly from [-4, 4] with <paramref name="seed"/>).
    /// </summary>
    public static CheckResult Function(string id, Func<double, double> learner, Func<double, double> reference,
        IEnumerable<double>? inputs = null, double points = 1, double tolerance = DefaultTolerance, ulong seed = 1) =>
        Run(id, points, "function", () =>
        {
            double[] xs = inputs?.ToArray() ?? RandomScalars(seed);
            var expected = xs.Select(reference).ToArray();
            var got = new double[xs.Length];
            for (int i = 0; i < xs.Length; i++)
            {
                double x = xs[i];
                got[i] = Learner(() => learner(x), $"for x = {CheckView.Number(x)}");
            }
            var (first, max) = Compare(expected, got, tolerance, i => $"x = {CheckView.Number(xs[i])} (input {i + 1} of {xs.Length})");
            return first is null
                ? new Outcome(true, $"all {xs.Length} values agree with the reference (largest relative error {CheckView.Error(max)})")
                : new Outcome(false, Describe(first) + $" (tolerance {CheckView.Error(tolerance)})", first);
        });

    /// <summary>
    /// Compares a tensor function with a reference on <paramref name="inputs"/> (default: three tensors of
    /// <paramref name="shape"/>, (4, 5) unless given, drawn from N(0, 1) with <paramref name="seed"/>).
    /// Each function gets its own copy of every input.
    /// </summary>
    public static CheckResult Function(string id, Func<Tensor<double>, Tensor<double>> learner, Func<Tensor<double>, Tensor<double>> reference,
        IEnumerable<Tensor<double>>? inputs = null, int[]? shape = null, double points = 1, double tolerance = DefaultTolerance, ulong seed = 1) =>
        Run(id, points, "function", () =>
        {
            var rng = new Rng(seed);
            var xs = inputs?.ToArray() ?? [.. Enumerable.Range(0, 3).Select(_ => Tensor<double>.Normal(rng, 0, 1, shape ?? [4, 5]))];
            int compared = 0;
            for (int k = 0; k < xs.Length; k++)
            {
                var expected = reference(xs[k].Clone());
                var x = xs[k];
                string where = $" (input {k + 1} of {xs.Length}, shape {x.Shape})";
                var got = Learner(() => learner(x.Clone()), $"for input {k + 1} of {xs.Length} (shape {x.Shape})");
                if (CompareTensors("y", expected, got, tolerance, where) is { } failure) return failure;
                compared += expected.Length;
            }
            return new Outcome(true, $"all {compared} values of {xs.Length} outputs agree with the reference");
        });

    /// <summary>
    /// Checks a hand-derived derivative f′ against central differences of <paramref name="f"/> at
    /// <paramref name="inputs"/> (default: 16 values uniform in [-4, 4]); reports the first input where
    /// they disagree.
    /// </summary>
    public static CheckResult Derivative(string id, Func<double, double> f, Func<double, double> learnerDerivative,
        IEnumerable<double>? inputs = null, double points = 1, double tolerance = NumericalTolerance, ulong seed = 1) =>
        Run(id, points, "derivative", () =>
        {
            double[] xs = inputs?.ToArray() ?? RandomScalars(seed);
            double max = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                double x = xs[i];
                double analytic = Learner(() => learnerDerivative(x), $"for x = {CheckView.Number(x)}");
                var r = GradientChecker.CheckFunction(id, t => f(t[0]), _ => Tensor<double>.FromDoubles([analytic], 1),
                    Tensor<double>.FromDoubles([x], 1), tolerance: tolerance);
                var e = r.Entries[0];
                max = Math.Max(max, e.MaxRelativeError);
                if (!r.Passed || double.IsNaN(analytic))
                {
                    var m = new Mismatch($"x = {CheckView.Number(x)} (input {i + 1} of {xs.Length})", i, e.Numeric, analytic, RelativeError(e.Numeric, analytic));
                    return new Outcome(false, Describe(m, expectedName: "numerical derivative", gotName: "yours") + $" (tolerance {CheckView.Error(tolerance)})", m);
                }
            }
            return new Outcome(true, $"agrees with the numerical derivative at all {xs.Length} inputs (largest relative error {CheckView.Error(max)})");
        });

    /// <summary>
    /// Checks a hand-derived gradient ∇f(x) against central differences of the scalar function
    /// <paramref name="f"/> at <paramref name="at"/> (default: a tensor of <paramref name="shape"/>, (3, 4)
    /// unless given, drawn from N(0, 1) with <paramref name="seed"/>). Reports the element with the
    /// largest relative error.
    /// </summary>
    public static CheckResult Gradient(string id, Func<Tensor<double>, double> f, Func<Tensor<double>, Tensor<double>> learnerGradient,
        Tensor<double>? at = null, int[]? shape = null, double points = 1, double tolerance = NumericalTolerance, ulong seed = 1) =>
        Run(id, points, "gradient", () =>
        {
            var x = at?.Clone() ?? Tensor<double>.Normal(new Rng(seed), 0, 1, shape ?? [3, 4]);
            var analytic = Learner(() => learnerGradient(x.Clone()), "in learnerGradient");
            if (analytic is null) return Outcome.Fail($"the gradient is null; expected a tensor of shape {x.Shape}");
            if (analytic.Shape != x.Shape) return Outcome.Fail($"the gradient has shape {analytic.Shape}, expected {x.Shape} (the shape of x)");
            var r = GradientChecker.CheckFunction(id, f, _ => analytic, x, tolerance: tolerance);
            var e = r.Entries[0];
            if (r.Passed)
                return new Outcome(true, $"agrees with the numerical gradient at all {x.Length} elements (largest relative error {CheckView.Error(e.MaxRelativeError)})");
            var m = new Mismatch($"x{Index(x.Shape, e.WorstIndex)}", e.WorstIndex, e.Numeric, e.Analytic, RelativeError(e.Numeric, e.Analytic));
            return new Outcome(false, Describe(m, "largest mismatch at", "numerical gradient", "yours") + $" (tolerance {CheckView.Error(tolerance)})", m);
        });

    /// <summary>
    /// Checks a learner's layer. With a <paramref name="reference"/> layer: both get the same random
    /// parameter values, input x of <paramref name="inputShape"/>, upstream gradient dY and starting
    /// parameter gradients; then y, dX and every parameter's gradient must agree (Backward must add into
    /// Grad, and must not change dY). Without a reference: Backward is checked against numerical
    /// gradients (<see cref="GradientChecker.Check"/>).
    /// </summary>
    public static CheckResult Layer(string id, Func<Layer<double>> learner, int[] inputShape, Func<Layer<double>>? reference = null,
        double points = 1, double tolerance = DefaultTolerance, ulong seed = 1) =>
        Run(id, points, "layer", () =>
        {
            var rng = new Rng(seed);
            var mine = Learner(learner, "while creating the layer");
            if (mine is null) return Outcome.Fail("the layer factory returned null");
            var x = Tensor<double>.Normal(rng, 0, 1, inputShape);
            if (reference is null)
            {
                var r = Learner(() => GradientChecker.Check(mine, x, seed: seed, tolerance: tolerance == DefaultTolerance ? NumericalTolerance : tolerance), "in Forward or Backward");
                var failed = r.Entries.FirstOrDefault(e => !r.Passed && !e.Passed(r.Tolerance));
                if (failed is null)
                    return new Outcome(true, $"Backward agrees with numerical gradients for {string.Join(", ", r.Entries.Select(e => GradName(e.Name)))} " +
                                             $"(largest relative error {CheckView.Error(r.MaxRelativeError)})");
                var m = new Mismatch($"{GradName(failed.Name)}{Index(failed.Shape, failed.WorstIndex)}", failed.WorstIndex, failed.Numeric, failed.Analytic,
                    RelativeError(failed.Numeric, failed.Analytic));
                return new Outcome(false, Describe(m, "largest mismatch at", "numerical gradient", "yours") + $" (tolerance {CheckView.Error(r.Tolerance)})", m);
            }

            var theirs = reference();
            var mp = Learner(() => mine.NamedParameters().ToList(), "in NamedParameters");
            var rp = theirs.NamedParameters().ToList();
            if (mp.Count != rp.Count || mp.Zip(rp).Any(p => p.First.Parameter.Value.Shape != p.Second.Parameter.Value.Shape))
                return Outcome.Fail($"the layer has parameters {ListParameters(mp)}; expected {ListParameters(rp)}, in this order");
            foreach (var ((_, a), (_, b)) in mp.Zip(rp))
            {
                var value = Tensor<double>.Normal(rng, 0, 1, b.Value.Shape.Dims);
                value.CopyTo(a.Value);
                value.CopyTo(b.Value);
            }

            var yRef = theirs.Forward(x.Clone());
            var y = Learner(() => mine.Forward(x.Clone()), "in Forward");
            if (CompareTensors("y", yRef, y, tolerance, " (Forward)") is { } forwardFailure) return forwardFailure;

            var dY = Tensor<double>.Normal(rng, 0, 1, yRef.Shape.Dims);
            var startGrads = rp.Select(p => Tensor<double>.Normal(rng, 0, 1, p.Parameter.Value.Shape.Dims)).ToList();
            for (int k = 0; k < rp.Count; k++)
            {
                startGrads[k].CopyTo(mp[k].Parameter.Grad);
                startGrads[k].CopyTo(rp[k].Parameter.Grad);
            }
            var dXRef = theirs.Backward(dY.Clone());
            var dYMine = dY.Clone();
            var dX = Learner(() => mine.Backward(dYMine), "in Backward");
            if (!dYMine.ValueEquals(dY)) return Outcome.Fail("Backward changed its argument dY; it must leave dY as it is");
            if (CompareTensors("dX", dXRef, dX, tolerance) is { } inputFailure) return inputFailure;
            for (int k = 0; k < rp.Count; k++)
            {
                string name = mp[k].Name;
                var got = mp[k].Parameter.Grad;
                var expected = rp[k].Parameter.Grad;
                if (CompareTensors($"{name}.Grad", expected, got, tolerance) is not { } failure) continue;
                var added = expected.Clone();
                for (int i = 0; i < added.Length; i++) added.Span[i] -= startGrads[k].Span[i];
                if (CompareTensors(name, added, got, tolerance) is null)
                    return failure with { Message = failure.Message + $"; it looks as if Backward overwrote {name}.Grad instead of adding (+=) into it" };
                if (got.ValueEquals(startGrads[k]))
                    return failure with { Message = failure.Message + $"; Backward left {name}.Grad unchanged" };
                return failure;
            }
            return new Outcome(true, $"y, dX{string.Concat(mp.Select(p => $", {p.Name}.Grad"))} agree with {theirs}");
        });

    /// <summary>
    /// Checks a learner's loss at <paramref name="prediction"/> and <paramref name="target"/>. With a
    /// <paramref name="reference"/>: the value L and the gradient ∂L/∂prediction must agree. Without: Backward
    /// is checked against numerical gradients of Forward (<see cref="GradientChecker.CheckLoss"/>).
    /// </summary>
    public static CheckResult Loss(string id, Func<Loss<double>> learner, Tensor<double> prediction, Tensor<double> target,
        Func<Loss<double>>? reference = null, double points = 1, double tolerance = DefaultTolerance) =>
        Run(id, points, "loss", () =>
        {
            var mine = Learner(learner, "while creating the loss");
            if (mine is null) return Outcome.Fail("the loss factory returned null");
            if (reference is null)
            {
                var r = Learner(() => GradientChecker.CheckLoss(mine, prediction.Clone(), target.Clone(),
                    tolerance: tolerance == DefaultTolerance ? NumericalTolerance : tolerance), "in Forward or Backward");
                var e = r.Entries[0];
                if (r.Passed) return new Outcome(true, $"Backward agrees with the numerical gradient of Forward (largest relative error {CheckView.Error(e.MaxRelativeError)})");
                var m = new Mismatch($"dP{Index(e.Shape, e.WorstIndex)}", e.WorstIndex, e.Numeric, e.Analytic, RelativeError(e.Numeric, e.Analytic));
                return new Outcome(false, Describe(m, "largest mismatch at", "numerical gradient", "yours") + $" (tolerance {CheckView.Error(r.Tolerance)})", m);
            }
            var theirs = reference();
            double lRef = theirs.Forward(prediction.Clone(), target.Clone());
            var dPRef = theirs.Backward();
            double l = Learner(() => mine.Forward(prediction.Clone(), target.Clone()), "in Forward");
            if (!Close(lRef, l, tolerance))
            {
                var m = new Mismatch("L (Forward)", 0, lRef, l, RelativeError(lRef, l));
                return new Outcome(false, Describe(m, "mismatch in") + $" (tolerance {CheckView.Error(tolerance)})", m);
            }
            var dP = Learner(mine.Backward, "in Backward");
            return CompareTensors("dP", dPRef, dP, tolerance)
                ?? new Outcome(true, $"L and dP ({dPRef.Length} values) agree with {theirs}");
        });

    /// <summary>
    /// Checks a learner's optimizer against a reference over <paramref name="steps"/> steps: both update
    /// the same two parameters (weight (3, 4), bias (4)) from the same random gradients, and the values
    /// must agree after every step. The factories get the parameters, e.g.
    /// <c>ps =&gt; new MySgd(ps, learningRate: 0.1)</c> and <c>ps =&gt; new Sgd&lt;double&gt;(ps, 0.1)</c>.
    /// </summary>
    public static CheckResult Optimizer(string id, Func<IReadOnlyList<Parameter<double>>, Optimizer<double>> learner,
        Func<IReadOnlyList<Parameter<double>>, Optimizer<double>> reference, int steps = 3, double points = 1, double tolerance = DefaultTolerance, ulong seed = 1) =>
        Run(id, points, "optimizer", () =>
        {
            if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Check {id}: steps must be at least 1.");
            var rng = new Rng(seed);
            int[][] shapes = [[3, 4], [4]];
            string[] names = ["weight", "bias"];
            var start = shapes.Select(s => Tensor<double>.Normal(rng, 0, 1, s)).ToArray();
            Parameter<double>[] Make() => [.. names.Select((n, i) => new Parameter<double>(n, start[i].Clone()))];
            var mineParams = Make();
            var refParams = Make();
            var mine = Learner(() => learner(mineParams), "while creating the optimizer");
            if (mine is null) return Outcome.Fail("the optimizer factory returned null");
            var theirs = reference(refParams);
            for (int step = 1; step <= steps; step++)
            {
                for (int k = 0; k < names.Length; k++)
                {
                    var g = Tensor<double>.Normal(rng, 0, 1, shapes[k]);
                    g.CopyTo(mineParams[k].Grad);
                    g.CopyTo(refParams[k].Grad);
                }
                theirs.Step();
                Learner(mine.Step, $"in Step (step {step})");
                for (int k = 0; k < names.Length; k++)
                    if (CompareTensors(names[k], refParams[k].Value, mineParams[k].Value, tolerance, $" after step {step}") is { } failure)
                        return failure;
            }
            return new Outcome(true, $"the parameters agree with {theirs} after each of {steps} steps");
        });

    /// <summary>Checks a number: passes when |answer − expected| ≤ <paramref name="tolerance"/>·max(1, |expected|).</summary>
    public static CheckResult Value(string id, double answer, double expected, double tolerance = 1e-9, double points = 1) =>
        Value(id, () => answer, expected, tolerance, points);

    /// <summary>Checks a number computed by the learner's code (an exception it throws fails the check).</summary>
    public static CheckResult Value(string id, Func<double> answer, double expected, double tolerance = 1e-9, double points = 1) =>
        Run(id, points, "value", () =>
        {
            double got = Learner(answer, "");
            if (Close(expected, got, tolerance)) return new Outcome(true, $"{CheckView.Number(got)} is right");
            var m = new Mismatch("answer", 0, expected, got, RelativeError(expected, got));
            return new Outcome(false, $"expected {CheckView.Number(expected)}, got {CheckView.Number(got)} (tolerance {CheckView.Error(tolerance)})", m);
        });

    /// <summary>Checks a whole number exactly (an output size, a parameter count).</summary>
    public static CheckResult Value(string id, int answer, int expected, double points = 1) =>
        Value(id, () => answer, expected, points);

    /// <summary>Checks a whole number computed by the learner's code exactly.</summary>
    public static CheckResult Value(string id, Func<int> answer, int expected, double points = 1) =>
        Run(id, points, "value", () =>
        {
            int got = Learner(answer, "");
            if (got == expected) return new Outcome(true, $"{got} is right");
            var m = new Mismatch("answer", 0, expected, got, RelativeError(expected, got));
            return new Outcome(false, $"expected {expected}, got {got}", m);
        });

    /// <summary>Checks a tensor element by element (shape first).</summary>
    public static CheckResult Value(string id, Tensor<double>? answer, Tensor<double> expected, double tolerance = DefaultTolerance, double points = 1) =>
        Value(id, () => answer, expected, tolerance, points);

    /// <summary>Checks a tensor computed by the learner's code.</summary>
    public static CheckResult Value(string id, Func<Tensor<double>?> answer, Tensor<double> expected, double tolerance = DefaultTolerance, double points = 1) =>
        Run(id, points, "value", () =>
        {
            var got = Learner(answer, "");
            return CompareTensors("answer", expected, got, tolerance) ?? new Outcome(true, $"all {expected.Length} values are right");
        });

    /// <summary>Checks an array of numbers element by element.</summary>
    public static CheckResult Value(string id, double[]? answer, double[] expected, double tolerance = DefaultTolerance, double points = 1) =>
        Value(id, () => answer, expected, tolerance, points);

    /// <summary>Checks an array of numbers computed by the learner's code.</summary>
    public static CheckResult Value(string id, Func<double[]?> answer, double[] expected, double tolerance = DefaultTolerance, double points = 1) =>
        Value(id, () => Learner(answer, "") is { } a ? Tensor<double>.FromArray(a, a.Length) : null,
            Tensor<double>.FromArray(expected, expected.Length), tolerance, points);

    /// <summary>Checks a string answer for equality (ordinal).</summary>
    public static CheckResult Value(string id, string? answer, string expected, double points = 1) => Value(id, () => answer, expected, points);

    /// <summary>Checks a string computed by the learner's code.</summary>
    public static CheckResult Value(string id, Func<string?> answer, string expected, double points = 1) => Equal(id, answer, expected, points);

    /// <summary>Checks a yes/no answer.</summary>
    public static CheckResult Value(string id, bool answer, bool expected, double points = 1) => Value(id, () => answer, expected, points);

    /// <summary>Checks a yes/no answer computed by the learner's code.</summary>
    public static CheckResult Value(string id, Func<bool> answer, bool expected, double points = 1) => Equal(id, answer, expected, points);

    private static CheckResult Equal<T>(string id, Func<T> answer, T expected, double points) =>
        Run(id, points, "value", () =>
        {
            var got = Learner(answer, "");
            return EqualityComparer<T>.Default.Equals(got, expected)
                ? new Outcome(true, $"{Show(got)} is right")
                : new Outcome(false, $"expected {Show(expected)}, got {Show(got)}");
        });

    /// <summary>Shows this notebook's scoreboard: every check run so far, passed or failed, and the points.</summary>
    public static void Summary()
    {
        var context = ExerciseContext.Current;
        var board = context.Scoreboard;
        context.Show(new Display.MimeBundle().Set("text/plain", board.ToString()).Set("text/html", CheckView.Html(board)), board.ToString());
    }

    private static double[] RandomScalars(ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, 16).Select(_ => rng.Uniform(-4, 4))];
    }

    private static string GradName(string entry) => entry == "x" ? "dX" : $"{entry}.Grad";

    private static string ListParameters(IEnumerable<(string Name, Parameter<double> Parameter)> parameters)
    {
        var list = parameters.Select(p => $"{p.Name} {p.Parameter.Value.Shape}").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Display.Formatters.PlainText(value),
    };
}
