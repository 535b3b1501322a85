using System.Globalization;
using System.Text;
using Tutorial.Engine.Training;

namespace Tutorial.Cli.Training;

/// <summary>
/// Shows training progress. On a terminal (<see cref="Live"/>) one line is redrawn in place with a carriage
/// return, at most ten times a second: a bar of the whole run, epoch, batch, running loss and accuracy, elapsed
/// time and an estimate of the time left. When the output is a file or a pipe, a plain line is written every
/// <see cref="PlainInterval"/> instead, so logs stay readable. Either way every finished epoch gets its own line
/// with the training and validation figures.
/// </summary>
internal sealed class ProgressPrinter(TextWriter output, bool live)
{
    /// <summary>How often a plain (non-terminal) progress line is written within an epoch.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private const int BarWidth = 24;
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(100);
    private TimeSpan? _lastDraw;
    private int _lineLength;

    /// <summary>True when the line is redrawn in place (a terminal), false for plain lines.</summary>
    public bool Live { get; } = live;

    /// <summary>Called after every batch.</summary>
    public void OnBatch(TrainingProgress p)
    {
        bool last = p.Batch == p.Batches && p.Epoch == p.Epochs;
        if (Live)
        {
            if (_lastDraw is { } drawn && p.Elapsed - drawn < LiveInterval && !last) return;
            _lastDraw = p.Elapsed;
            string line = Line(p, bar: true);
            output.Write('\r' + line.PadRight(_lineLength));
            _lineLength = line.Length;
            output.Flush();
        }
        else
        {
            if (p.Elapsed - (_lastDraw ?? TimeSpan.Zero) < PlainInterval) return;
            _lastDraw = p.Elapsed;
            output.WriteLine("  " + Line(p, bar: false));
        }
    }

    /// <summary>Called after every epoch (validation included).</summary>
    public void OnEpoch(EpochRecord e, int epochs)
    {
        ClearLine();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"epoch {e.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}");
        sb.Append(CultureInfo.InvariantCulture, $"  loss {e.TrainLoss:0.0000}");
        foreach (var (name, value) in e.TrainMetrics) sb.Append(CultureInfo.InvariantCulture, $"  {name} {value:0.0000}");
        if (e.ValidationLoss is double vl) sb.Append(CultureInfo.InvariantCulture, $"  val_loss {vl:0.0000}");
        foreach (var (name, value) in e.ValidationMetrics) sb.Append(CultureInfo.InvariantCulture, $"  val_{name} {value:0.0000}");
        sb.Append("  ").Append(Duration(e.Elapsed));
        output.WriteLine(sb.ToString());
        output.Flush();
        if (!Live) _lastDraw = e.Elapsed;
    }

    /// <summary>Erases the live line, if one is showing.</summary>
    public void ClearLine()
    {
        if (!Live || _lineLength == 0) return;
        output.Write('\r' + new string(' ', _lineLength) + '\r');
        _lineLength = 0;
    }

    /// <summary>E.g. <c>[#########...............]  38%  epoch 2/5  batch 90/225  loss 0.2305  accuracy 0.9286  0:15 elapsed, ~0:24 left</c>.</summary>
    internal static string Line(TrainingProgress p, bool bar)
    {
        var sb = new StringBuilder();
        double f = Math.Clamp(p.Fraction, 0, 1);
        if (bar)
        {
            int filled = (int)Math.Round(f * BarWidth);
            sb.Append('[').Append('#', filled).Append('.', BarWidth - filled).Append("]  ");
        }
        sb.Append(CultureInfo.InvariantCulture, $"{f * 100,3:0}%  epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  loss {p.Loss:0.0000}");
        if (p.Accuracy is double a) sb.Append(CultureInfo.InvariantCulture, $"  accuracy {a:0.0000}");
        sb.Append("  ").Append(Duration(p.Elapsed)).Append(" elapsed");
        if (f > 0) sb.Append(", ~").Append(Duration(TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - f) / f))).Append(" left");
        return sb.ToString();
    }

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    internal static string Duration(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}");
}
