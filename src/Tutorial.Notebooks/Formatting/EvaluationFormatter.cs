using Tutorial.Engine.Training;

namespace Tutorial.Notebooks.Formatting;

/// <summary>Shows an <see cref="Evaluation"/> (a model's loss and metrics on a data set) as a one-row table.</summary>
public static class EvaluationFormatter
{
    public static string ToText(Evaluation evaluation) =>
        $"Evaluation on {NumberFormat.Count(evaluation.Samples)} samples: loss {NumberFormat.Ratio(evaluation.Loss)}" +
        string.Concat(evaluation.Metrics.Select(kv => $", {kv.Key} {NumberFormat.Ratio(kv.Value)}"));

    public static string ToHtml(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var h = new HtmlBuilder().OpenBlock("tutorial-evaluation").OpenTable($"Evaluation on {NumberFormat.Count(evaluation.Samples)} samples");
        h.OpenRow().Th("loss");
        foreach (var k in evaluation.Metrics.Keys) h.Th(k);
        h.CloseRow().OpenRow().Td(NumberFormat.Ratio(evaluation.Loss));
        foreach (var v in evaluation.Metrics.Values) h.Td(NumberFormat.Ratio(v));
        h.CloseRow().CloseTable();
        return h.CloseBlock().ToString();
    }
}
