using System.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tutorial.Engine.Training;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Charts;

/// <summary>
/// Loss and metric curves that grow while a model trains: display the chart once, then update it after every
/// epoch through its <see cref="DisplayHandle"/>.
/// <code>
/// var curves = new TrainingChart("MLP on digits");
/// var shown = display(curves);
/// var trainer = new Trainer&lt;float&gt;(model, loss, optimizer, curves.Follow(new TrainerOptions&lt;float&gt; { Epochs = 20 }, shown));
/// trainer.Fit(x, y, xVal, yVal);      // the chart redraws after each epoch
/// </code>
/// The left panel shows the training loss (and the validation loss when there is validation data), the right
/// one each tracked metric such as accuracy (training solid, validation dashed). Without a trainer, add points
/// with <see cref="Add(int, double, double?, IReadOnlyDictionary{string, double}?, IReadOnlyDictionary{string, double}?)"/>
/// and call <c>shown.Update(curves)</c>.
/// </summary>
public sealed class TrainingChart
{
    private readonly List<EpochRecord> _epochs = [];
    private readonly object _lock = new();

    public TrainingChart(string? title = null) => Title = title ?? "Training";

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The epochs recorded so far.</summary>
    public IReadOnlyList<EpochRecord> Epochs
    {
        get
        {
            lock (_lock) return [.. _epochs];
        }
    }

    /// <summary>A chart of a finished training run.</summary>
    public static TrainingChart From(History history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var chart = new TrainingChart(title);
        foreach (var e in history.Epochs) chart.Add(e);
        return chart;
    }

    /// <summary>Adds the record of one epoch (what <see cref="TrainerOptions{T}.OnEpochEnd"/> receives).</summary>
    public void Add(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock) _epochs.Add(record);
    }

    /// <summary>Adds one epoch measured by hand (a training loop written in the notebook).</summary>
    public void Add(int epoch, double loss, double? validationLoss = null, IReadOnlyDictionary<string, double>? metrics = null,
        IReadOnlyDictionary<string, double>? validationMetrics = null) =>
        Add(new EpochRecord(epoch, loss, metrics ?? new Dictionary<string, double>(), validationLoss,
            validationMetrics ?? new Dictionary<string, double>(), double.NaN, 0, TimeSpan.Zero));

    /// <summary>An epoch callback that records each epoch and redraws the chart shown as <paramref name="handle"/>.</summary>
    public Action<EpochRecord> UpdateOn(DisplayHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return record =>
        {
            Add(record);
            handle.Update(this);
        };
    }

    /// <summary>
    /// <paramref name="options"/> with an <see cref="TrainerOptions{T}.OnEpochEnd"/> that updates this chart (after
    /// running the callback that was there before, if any).
    /// </summary>
    public TrainerOptions<T> Follow<T>(TrainerOptions<T> options, DisplayHandle handle) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = options.OnEpochEnd;
        var update = UpdateOn(handle);
        return options with
        {
            OnEpochEnd = record =>
            {
                previous?.Invoke(record);
                update(record);
            },
        };
    }

    /// <summary>The chart as it stands: loss on the left, the metrics (if any) on the right.</summary>
    public GenericChart ToChart()
    {
        var epochs = Epochs;
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        var lossTraces = new List<GenericChart>
        {
            Plotly.NET.CSharp.Chart.Line<double, double, string>(x, epochs.Select(e => e.TrainLoss), ShowMarkers: epochs.Count <= 50, Name: "loss",
                LineColor: ChartStyle.Color(ChartStyle.ColorOf(0))),
        };
        if (epochs.Any(e => e.ValidationLoss.HasValue))
        {
            var v = epochs.Where(e => e.ValidationLoss.HasValue).ToList();
            lossTraces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(v.Select(e => (double)e.Epoch), v.Select(e => e.ValidationLoss!.Value),
                ShowMarkers: epochs.Count <= 50, Name: "val_loss", LineColor: ChartStyle.Color(ChartStyle.ColorOf(1)), LineDash: StyleParam.DrawingStyle.Dash));
        }
        var lossChart = Plotly.NET.CSharp.Chart.Combine(lossTraces);

        var keys = epochs.SelectMany(e => e.TrainMetrics.Keys.Concat(e.ValidationMetrics.Keys)).Distinct().ToList();
        string subtitle = epochs.Count == 0 ? $"{Title}: waiting for the first epoch" : $"{Title}: epoch {epochs[^1].Epoch}";
        if (keys.Count == 0)
            return lossChart.Styled(subtitle, "epoch", "loss");

        var metricTraces = new List<GenericChart>();
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i];
            var color = ChartStyle.Color(ChartStyle.ColorOf(i + 2));
            var t = epochs.Where(e => e.TrainMetrics.ContainsKey(key)).ToList();
            if (t.Count > 0)
                metricTraces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(t.Select(e => (double)e.Epoch), t.Select(e => e.TrainMetrics[key]),
                    ShowMarkers: epochs.Count <= 50, Name: key, LineColor: color));
            var v = epochs.Where(e => e.ValidationMetrics.ContainsKey(key)).ToList();
            if (v.Count > 0)
                metricTraces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(v.Select(e => (double)e.Epoch), v.Select(e => e.ValidationMetrics[key]),
                    ShowMarkers: epochs.Count <= 50, Name: "val_" + key, LineColor: color, LineDash: StyleParam.DrawingStyle.Dash));
        }
        var grid = Plotly.NET.CSharp.Chart.Grid([lossChart, Plotly.NET.CSharp.Chart.Combine(metricTraces)], 1, 2,
            SubPlotTitles: new[] { "loss", string.Join(", ", keys) });
        return grid.Styled(subtitle, "epoch", null, 900, 400);
    }

    public override string ToString()
    {
        var epochs = Epochs;
        return epochs.Count == 0 ? $"{Title}: no epochs yet" : $"{Title}: {epochs.Count} epochs, last loss {epochs[^1].TrainLoss:0.0000}";
    }
}
