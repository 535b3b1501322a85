using System.Globalization;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// Where a learner's answer first disagreed with the expected one.
/// </summary>
/// <param name="Where">A readable place, e.g. <c>x = 0.37 (input 4 of 16)</c>, <c>dX[1, 2]</c> or <c>weight after step 2 [0, 3]</c>.</param>
/// <param name="Index">The position among the compared values (the input number, or the flat element index).</param>
/// <param name="Expected">The reference value (or the numerical gradient).</param>
/// <param name="Got">The learner's value.</param>
/// <param name="RelativeError">|got − expected| / max(|got|, |expected|, 1e-8), infinite when one of them is NaN.</param>
public sealed record Mismatch(string Where, int Index, double Expected, double Got, double RelativeError);

/// <summary>
/// The outcome of one exercise check: its id, the points it is worth and earned, and a one-line
/// message saying why (the first mismatch, the exception the learner's code threw, …).
/// <see cref="ToString"/> is the text shown in a notebook; <see cref="CheckMarker"/> turns it into
/// the machine-readable output the grader reads.
/// </summary>
public sealed record CheckResult
{
    /// <summary>The check's id, e.g. <c>sigmoid-derivative</c> (unique within a notebook).</summary>
    public required string Id { get; init; }

    /// <summary>The points the check is worth.</summary>
    public required double Points { get; init; }

    /// <summary>True when the learner's answer agreed with the expected one.</summary>
    public required bool Passed { get; init; }

    /// <summary>What the check compared: function, derivative, gradient, layer, loss, optimizer or value.</summary>
    public required string Kind { get; init; }

    /// <summary>Why it passed or failed, one sentence (without the id and points).</summary>
    public required string Message { get; init; }

    /// <summary>The first disagreeing value (null when the check passed or failed for another reason).</summary>
    public Mismatch? Mismatch { get; init; }

    /// <summary>The type name of the exception the learner's code threw, if that is why the check failed.</summary>
    public string? Exception { get; init; }

    /// <summary>The points earned: <see cref="Points"/> when passed, else 0.</summary>
    public double Earned => Passed ? Points : 0;

    /// <summary>"1 point", "0.5 points", "2 points".</summary>
    internal static string PointsText(double points) =>
        $"{points.ToString("0.##", CultureInfo.InvariantCulture)} point{(points == 1 ? "" : "s")}";

    /// <summary>The line a notebook shows, e.g. <c>✘ sigmoid-derivative failed (0/1 point): first mismatch at …</c>.</summary>
    public override string ToString() =>
        $"{(Passed ? "✔" : "✘")} {Id} {(Passed ? "passed" : "failed")} " +
        $"({Earned.ToString("0.##", CultureInfo.InvariantCulture)}/{PointsText(Points)}): {Message}";
}
