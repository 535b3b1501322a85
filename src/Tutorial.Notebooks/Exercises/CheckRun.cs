using System.Reflection;
using Tutorial.Engine.Gradients;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Exercises;

/// <summary>What a check's body found, before the id and points are attached.</summary>
internal sealed record Outcome(bool Passed, string Message, Mismatch? Mismatch = null, string? Exception = null)
{
    public static Outcome Fail(string message) => new(false, message);
}

/// <summary>An exception thrown by the learner's code, with where it happened ("for x = 0.5", "in Backward").</summary>
internal sealed class LearnerFault(string context, Exception inner) : Exception(inner.Message, inner)
{
    public string Context { get; } = context;
}

/// <summary>
/// Runs the body of a check so that it never crashes the notebook: the learner's exceptions, wrong
/// shapes, NaN and code that never returns (after <see cref="ExerciseContext.TimeLimit"/>) all become a
/// failed result with a message. The result is recorded, shown and returned.
/// </summary>
internal static class CheckRun
{
    public static CheckResult Run(string id, double points, string kind, Func<Outcome> body)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A check needs a non-empty id, e.g. \"sigmoid-derivative\".", nameof(id));
        if (!(points >= 0) || double.IsInfinity(points)) throw new ArgumentOutOfRangeException(nameof(points), points, $"Check {id}: points must be zero or positive and finite, got {points}.");
        var context = ExerciseContext.Current;
        var limit = context.TimeLimit;
        // The learner's code runs on its own thread so that an endless loop fails this check after the
        // time limit instead of stopping the notebook. Such a thread cannot be stopped; it keeps running
        // in the background until the notebook's process ends.
        var task = Task.Factory.StartNew(() => Evaluate(body), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var outcome = task.Wait(limit)
            ? task.Result
            : new Outcome(false, $"your code did not finish within {limit.TotalSeconds:0.#} s (an endless loop?); " +
                                 "the time limit is Check.TimeLimit.", Exception: "TimeoutException");
        var result = new CheckResult
        {
            Id = id,
            Points = points,
            Passed = outcome.Passed,
            Kind = kind,
            Message = outcome.Message,
            Mismatch = outcome.Mismatch,
            Exception = outcome.Exception,
        };
        context.Publish(result);
        return result;
    }

    private static Outcome Evaluate(Func<Outcome> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            var fault = e as LearnerFault;
            var cause = Unwrap(fault?.InnerException ?? e);
            string where = fault is null || fault.Context.Length == 0 ? "" : " " + fault.Context;
            string message = cause is NotImplementedException
                ? $"not implemented yet: {cause.Message}"
                : fault is not null
                    ? $"your code threw {cause.GetType().Name}{where}: {cause.Message}"
                    : $"{cause.GetType().Name}: {cause.Message}";
            return new Outcome(false, message, Exception: cause.GetType().Name);
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case LearnerFault { InnerException: { } inner }:
                    e = inner;
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case AggregateException { InnerExceptions.Count: 1 } a:
                    e = a.InnerExceptions[0];
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary>Calls the learner's code; an exception it throws is marked as the learner's, with <paramref name="context"/>.</summary>
    public static T Learner<T>(Func<T> code, string context)
    {
        try
        {
            return code();
        }
        catch (LearnerFault)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new LearnerFault(context, e);
        }
    }

    /// <summary>Calls the learner's code that returns nothing.</summary>
    public static void Learner(Action code, string context) => Learner(() =>
    {
        code();
        return 0;
    }, context);

    /// <summary>True when <paramref name="got"/> is within tolerance·max(1, |expected|) of <paramref name="expected"/> (NaN equals only NaN).</summary>
    public static bool Close(double expected, double got, double tolerance)
    {
        if (double.IsNaN(expected) || double.IsNaN(got)) return double.IsNaN(expected) && double.IsNaN(got);
        if (double.IsInfinity(expected) || double.IsInfinity(got)) return expected == got;
        return Math.Abs(got - expected) <= tolerance * Math.Max(1, Math.Abs(expected));
    }

    /// <summary>The relative error shown to learners, as in the gradient checker; infinite when exactly one value is NaN or infinite.</summary>
    public static double RelativeError(double expected, double got)
    {
        if (double.IsNaN(expected) && double.IsNaN(got)) return 0;
        if (double.IsNaN(expected) || double.IsNaN(got)) return double.PositiveInfinity;
        if (double.IsInfinity(expected) || double.IsInfinity(got)) return expected == got ? 0 : double.PositiveInfinity;
        return GradientChecker.RelativeError(got, expected);
    }

    /// <summary>
    /// Compares <paramref name="got"/> with <paramref name="expected"/> element by element; the first
    /// element outside the tolerance is the mismatch. Also returns the largest relative error.
    /// </summary>
    public static (Mismatch? First, double MaxRelativeError) Compare(ReadOnlySpan<double> expected, ReadOnlySpan<double> got, double tolerance, Func<int, string> where)
    {
        Mismatch? first = null;
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double err = RelativeError(expected[i], got[i]);
            if (err > max || double.IsNaN(err)) max = err;
            if (first is null && !Close(expected[i], got[i], tolerance))
                first = new Mismatch(where(i), i, expected[i], got[i], err);
        }
        return (first, max);
    }

    /// <summary>The failure message of a mismatch.</summary>
    public static string Describe(Mismatch m, string lead = "first mismatch at", string expectedName = "expected", string gotName = "got") =>
        $"{lead} {m.Where}: {expectedName} {CheckView.Number(m.Expected)}, {gotName} {CheckView.Number(m.Got)}, relative error {CheckView.Error(m.RelativeError)}";

    /// <summary>Compares two tensors: shape first, then the values; null when they agree.</summary>
    public static Outcome? CompareTensors(string name, Tensor<double> expected, Tensor<double>? got, double tolerance, string where = "")
    {
        if (got is null) return Outcome.Fail($"{name}{where} is null; expected a tensor of shape {expected.Shape}");
        if (got.Shape != expected.Shape) return Outcome.Fail($"{name}{where} has shape {got.Shape}, expected {expected.Shape}");
        var (first, _) = Compare(expected.Span, got.Span, tolerance, i => $"{name}{Index(expected.Shape, i)}{where}");
        return first is null ? null : new Outcome(false, Describe(first) + $" (tolerance {CheckView.Error(tolerance)})", first);
    }

    /// <summary>A flat index as a multi-index, e.g. <c>[1, 2]</c> for element 6 of a (2, 4) tensor.</summary>
    public static string Index(Shape shape, int flat)
    {
        if (shape.Rank == 0) return "";
        var idx = new int[shape.Rank];
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            idx[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return "[" + string.Join(", ", idx) + "]";
    }
}
