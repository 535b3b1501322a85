using System.Globalization;
using Tutorial.Engine.Training;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// Shows a training <see cref="History"/> as a table, one row per epoch: loss and metrics on the training
/// data, then on the validation data, the learning rate and the time; the best epoch (early stopping)
/// is green. Long histories show the first and last epochs. For curves, see <c>Plots.Training(history)</c>.
/// </summary>
public static class HistoryFormatter
{
    /// <summary>Histories longer than this show the first and last <see cref="EdgeEpochs"/> epochs.</summary>
    public const int MaxEpochs = 30;

    /// <summary>Epochs kept at each end of a long history.</summary>
    public const int EdgeEpochs = 10;

    public static string ToText(History history) => history.ToString();

    public static string ToHtml(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs;
        var h = new HtmlBuilder().OpenBlock("tutorial-history");
        if (epochs.Count == 0)
        {
            h.Note("History (no epochs)");
            return h.CloseBlock().ToString();
        }
        var trainKeys = epochs[0].TrainMetrics.Keys.ToList();
        var valKeys = epochs[0].ValidationMetrics.Keys.ToList();
        bool hasVal = epochs.Any(e => e.ValidationLoss.HasValue);
        h.OpenTable($"Training history: {epochs.Count} epoch{(epochs.Count == 1 ? "" : "s")}");
        h.OpenRow().Th("epoch").Th("loss");
        foreach (var k in trainKeys) h.Th(k);
        if (hasVal)
        {
            h.Th("val_loss");
            foreach (var k in valKeys) h.Th("val_" + k);
        }
        h.Th("learning rate").Th("time").CloseRow();

        int columns = 4 + trainKeys.Count + (hasVal ? 1 + valKeys.Count : 0);
        foreach (int i in Formatting.TensorFormatter.Shown(epochs.Count, MaxEpochs, EdgeEpochs))
        {
            if (i < 0)
            {
                h.OpenRow().Td($"… {epochs.Count - 2 * EdgeEpochs} epochs …", HtmlStyle.Ellipsis, colspan: columns).CloseRow();
                continue;
            }
            var e = epochs[i];
            bool best = history.BestEpoch == e.Epoch;
            h.OpenRow(best ? HtmlStyle.Verdict(Verdict.Good) + " font-weight: 600;" : null)
                .Td(e.Epoch.ToString(CultureInfo.InvariantCulture), HtmlStyle.Td, best ? "best epoch" : null)
                .Td(NumberFormat.Ratio(e.TrainLoss));
            foreach (var k in trainKeys) h.Td(e.TrainMetrics.TryGetValue(k, out var v) ? NumberFormat.Ratio(v) : "");
            if (hasVal)
            {
                h.Td(e.ValidationLoss is double vl ? NumberFormat.Ratio(vl) : "");
                foreach (var k in valKeys) h.Td(e.ValidationMetrics.TryGetValue(k, out var v) ? NumberFormat.Ratio(v) : "");
            }
            h.Td(NumberFormat.Compact(e.LearningRate)).Td(e.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s").CloseRow();
        }
        h.CloseTable();
        if (history.BestEpoch is int bestEpoch)
            h.Note($"best epoch: {bestEpoch}{(history.StoppedEarly ? " (stopped early)" : "")}{(history.RestoredBestWeights ? ", best weights restored" : "")}");
        return h.CloseBlock().ToString();
    }
}
