using System.Globalization;
using Tutorial.Models;

namespace Tutorial.Cli.Training;

/// <summary>
/// Prints the held-out evaluation of a training run as text tables: for a classifier the accuracy, a
/// per-class precision/recall/F1 report and the confusion matrix; for a forecaster MSE, RMSE, MAE and R² next
/// to the baseline's; for a text model the loss against the uniform guess and the sampled text.
/// </summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter output, TrainingRun run)
    {
        var e = run.Evaluation;
        if (e.Classification is { } c) Print(output, c);
        if (e.Regression is { } r) Print(output, r);
        if (e.Text is { } t) Print(output, t);
    }

    private static void Print(TextWriter output, ClassificationSummary c)
    {
        output.WriteLine(Invariant($"Test set: {c.Samples:N0} samples, accuracy {c.Accuracy:0.0000} ({c.Confusion.Correct:N0} correct), loss {c.Loss:0.0000}, macro F1 {c.Confusion.MacroF1:0.0000}"));
        output.WriteLine();
        output.Write(c.Confusion.Report());
        output.WriteLine();
        output.WriteLine("Confusion matrix (rows: actual class, columns: predicted class)");
        output.Write(c.Confusion.ToString());
    }

    private static void Print(TextWriter output, RegressionSummary r)
    {
        output.WriteLine(Invariant($"Held-out {r.HeldOut}: {r.Samples} targets"));
        output.WriteLine();
        var rows = new List<string[]>
        {
            new[] { "", "MSE", "RMSE", "MAE", "R²" },
            Row("model", r.Model),
            Row("baseline", r.Baseline),
        };
        output.Write(Table(rows));
        output.WriteLine(Invariant($"baseline: {r.BaselineName}"));
        double change = (r.Model.Rmse - r.Baseline.Rmse) / r.Baseline.Rmse;
        output.WriteLine(r.BeatsBaseline
            ? Invariant($"The model beats the baseline: its RMSE is {-change:0.0%} lower.")
            : Invariant($"The model does NOT beat the baseline: its RMSE is {change:0.0%} higher."));
    }

    private static void Print(TextWriter output, TextSummary t)
    {
        output.WriteLine(Invariant($"Held-out text: loss {t.ValidationLoss:0.0000} nats per character (perplexity {t.Perplexity:0.00})"));
        output.WriteLine(Invariant($"Uniform guess over the {t.VocabularySize} characters: ln {t.VocabularySize} = {t.UniformLoss:0.0000} nats; the model's loss is {t.ValidationLoss / t.UniformLoss:0.0%} of it."));
        output.WriteLine(Invariant($"Words in the samples that occur in the training text: {t.KnownWordFraction:0.0%}"));
        for (int i = 0; i < t.Samples.Count; i++)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"Sample {i + 1}:"));
            foreach (var line in t.Samples[i].Split('\n')) output.WriteLine("  | " + line.TrimEnd());
        }
    }

    private static string[] Row(string name, RegressionScores s) =>
        [name, Invariant($"{s.Mse:0.000}"), Invariant($"{s.Rmse:0.000}"), Invariant($"{s.Mae:0.000}"), Invariant($"{s.R2:0.0000}")];

    private static string Table(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        foreach (var r in rows)
            sb.Append(string.Join("  ", r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        return sb.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
