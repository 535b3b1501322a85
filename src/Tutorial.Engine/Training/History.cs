using System.Globalization;
using System.Text;

namespace Tutorial.Engine.Training;

/// <summary>
/// The per-epoch record of one <see cref="Trainer{T}.Fit"/> call: losses and metrics for training and,
/// when given, validation data, plus what early stopping decided. Series such as <see cref="TrainLoss"/>
/// are ready to plot (index 0 is epoch 1).
/// </summary>
public sealed class History
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>One record per epoch run, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Training loss per epoch.</summary>
    public IReadOnlyList<double> TrainLoss => _epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>Validation loss per epoch (empty without validation data).</summary>
    public IReadOnlyList<double> ValidationLoss =>
        _epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>A series by key: <c>loss</c>, <c>val_loss</c>, a metric name, or <c>val_</c> + a metric name (epochs where it was not measured are skipped).</summary>
    public IReadOnlyList<double> this[string key] =>
        _epochs.Select(e => e.Get(key)).Where(v => v.HasValue).Select(v => v!.Value).ToArray();

    /// <summary>True when early stopping ended training before the requested number of epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The epoch with the best monitored value under early stopping, or null without early stopping.</summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>True when the best epoch's weights were put back at the end of Fit.</summary>
    public bool RestoredBestWeights { get; internal set; }

    /// <summary>The last epoch's record.</summary>
    public EpochRecord Last => _epochs.Count > 0 ? _epochs[^1] : throw new InvalidOperationException("The history has no epochs.");

    internal void Add(EpochRecord record) => _epochs.Add(record);

    /// <summary>A text table, one row per epoch: epoch, loss, metrics, validation loss and metrics, learning rate.</summary>
    public override string ToString()
    {
        if (_epochs.Count == 0) return "History (no epochs)";
        var trainKeys = _epochs[0].TrainMetrics.Keys.ToList();
        var valKeys = _epochs[0].ValidationMetrics.Keys.ToList();
        bool hasVal = _epochs[0].ValidationLoss.HasValue;
        var header = new List<string> { "epoch", "loss" };
        header.AddRange(trainKeys);
        if (hasVal)
        {
            header.Add("val_loss");
            header.AddRange(valKeys.Select(k => "val_" + k));
        }
        header.Add("lr");
        var rows = new List<string[]> { header.ToArray() };
        foreach (var e in _epochs)
        {
            var row = new List<string> { e.Epoch.ToString(CultureInfo.InvariantCulture), F(e.TrainLoss) };
            row.AddRange(trainKeys.Select(k => e.TrainMetrics.TryGetValue(k, out var v) ? F(v) : ""));
            if (hasVal)
            {
                row.Add(e.ValidationLoss is double vl ? F(vl) : "");
                row.AddRange(valKeys.Select(k => e.ValidationMetrics.TryGetValue(k, out var v) ? F(v) : ""));
            }
            row.Add(e.LearningRate.ToString("G4", CultureInfo.InvariantCulture));
            rows.Add(row.ToArray());
        }
        var widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.AppendLine(string.Join("  ", r.Select((cell, c) => cell.PadLeft(widths[c]))).TrimEnd());
        if (BestEpoch is int best)
            sb.AppendLine(CultureInfo.InvariantCulture, $"best epoch: {best}{(StoppedEarly ? " (stopped early)" : "")}{(RestoredBestWeights ? ", best weights restored" : "")}");
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
