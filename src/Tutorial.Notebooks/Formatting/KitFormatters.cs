using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using Plotly.NET;
using Tutorial.Data.Images;
using Tutorial.Engine.Gradients;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;
using Tutorial.Notebooks.Charts;
using Tutorial.Notebooks.Display;
using DniFormatter = Microsoft.DotNet.Interactive.Formatting.Formatter;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// How the kit's values look in a notebook, registered twice from one implementation:
/// <list type="bullet">
/// <item>with the kit's own <see cref="Formatters"/>, used by <c>display(x)</c> and cell results in the kit's runner
/// and kernel (every <see cref="Execution.ScriptSession"/> calls <see cref="EnsureRegistered"/>);</item>
/// <item>with <c>Microsoft.DotNet.Interactive.Formatting</c>'s <c>Formatter</c>, so the same tables and charts appear
/// under the old .NET Interactive kernel (Polyglot Notebooks). There, call
/// <c>Tutorial.Notebooks.Formatting.KitFormatters.EnsureRegistered();</c> once after the <c>#r</c>.</item>
/// </list>
/// Types: <see cref="Tensor{T}"/>, <see cref="Shape"/>, <see cref="GradientCheckResult"/>, <see cref="ModelSummary"/>,
/// any <see cref="Layer{T}"/> (as its summary), <see cref="ConfusionMatrix"/>, <see cref="ClassificationReport"/>,
/// <see cref="History"/>, <see cref="Evaluation"/>, Plotly.NET's <see cref="GenericChart"/>, <see cref="TrainingChart"/>, <see cref="PlotlyEmbed"/>,
/// and <see cref="RgbImage"/> (as image/png). Each gets text/html (or image/png) and text/plain.
/// </summary>
public static class KitFormatters
{
    private static readonly object RegistrationLock = new();
    private static bool _registered;

    /// <summary>One formatter: the text, and the HTML or PNG of a value of <see cref="Type"/> (which may be an open generic type).</summary>
    internal sealed record Entry(Type Type, Func<object, string> Text, Func<object, string>? Html = null, Func<object, byte[]>? Png = null, bool KitRegistry = true);

    /// <summary>Every formatter the kit registers.</summary>
    internal static IReadOnlyList<Entry> Entries { get; } =
    [
        new(typeof(Tensor<>), o => TensorFormatter.ToText(TensorViews.Of(o), TensorFormatOptions.Default),
            o => TensorFormatter.ToHtml(TensorViews.Of(o), TensorFormatOptions.Default)),
        new(typeof(Shape), o => ShapeFormatter.ToText((Shape)o), o => ShapeFormatter.ToHtml((Shape)o)),
        new(typeof(GradientCheckResult), o => GradientCheckFormatter.ToText((GradientCheckResult)o), o => GradientCheckFormatter.ToHtml((GradientCheckResult)o)),
        new(typeof(ModelSummary), o => ModelSummaryFormatter.ToText((ModelSummary)o), o => ModelSummaryFormatter.ToHtml((ModelSummary)o)),
        new(typeof(Layer<>), o => SummaryOfLayer(o).ToString(), o => ModelSummaryFormatter.ToHtml(SummaryOfLayer(o))),
        new(typeof(ConfusionMatrix), o => ConfusionMatrixFormatter.ToText((ConfusionMatrix)o), o => ConfusionMatrixFormatter.ToHtml((ConfusionMatrix)o)),
        new(typeof(ClassificationReport), o => ClassificationReportFormatter.ToText((ClassificationReport)o), o => ClassificationReportFormatter.ToHtml((ClassificationReport)o)),
        new(typeof(History), o => HistoryFormatter.ToText((History)o), o => HistoryFormatter.ToHtml((History)o)),
        new(typeof(Evaluation), o => EvaluationFormatter.ToText((Evaluation)o), o => EvaluationFormatter.ToHtml((Evaluation)o)),
        new(typeof(GenericChart), o => ChartHtml.ToText((GenericChart)o), o => ChartHtml.ToHtml((GenericChart)o)),
        new(typeof(TrainingChart), o => o.ToString() ?? "", o => ChartHtml.ToHtml(((TrainingChart)o).ToChart())),
        new(typeof(PlotlyEmbed), o => o.ToString() ?? "", o => ((PlotlyEmbed)o).Html),
        new(typeof(RgbImage), o => o.ToString() ?? "", Png: o => ((RgbImage)o).ToPng()),
        // The runner's own rich values, for the old kernel only (the kit's registry already knows them).
        new(typeof(PngImage), o => o.ToString() ?? "", Png: o => ((PngImage)o).Bytes, KitRegistry: false),
        new(typeof(Html), o => ((Html)o).Content, o => ((Html)o).Content, KitRegistry: false),
    ];

    /// <summary>Registers every formatter with both registries, once per process.</summary>
    public static void EnsureRegistered()
    {
        // A lock rather than a flag alone: a second caller must not go on before the first has finished registering.
        lock (RegistrationLock)
        {
            if (_registered) return;
            RichValueFormatters.EnsureRegistered();
            foreach (var e in Entries)
            {
                if (e.KitRegistry) Formatters.Register(e.Type, (o, bundle) => Fill(e, o, bundle));
                var html = e.Html ?? (e.Png is { } png ? o => ImgTag(png(o), o.ToString() ?? "image") : null);
                if (html is not null) DniFormatter.Register(e.Type, (object o, TextWriter w) => w.Write(html(o)), "text/html");
                DniFormatter.Register(e.Type, (object o, TextWriter w) => w.Write(e.Text(o)), "text/plain");
            }
            _registered = true;
        }
    }

    /// <summary>Fills the kit's bundle: text/html or image/png first, then text/plain.</summary>
    internal static void Fill(Entry e, object value, MimeBundle bundle)
    {
        if (e.Html is not null) bundle.Set("text/html", e.Html(value));
        if (e.Png is not null) bundle.Set("image/png", Convert.ToBase64String(e.Png(value)));
        bundle.Set("text/plain", e.Text(value));
    }

    private static string ImgTag(byte[] png, string alt) =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{HtmlBuilder.Escape(alt)}\" style=\"image-rendering: pixelated;\"/>";

    // ---- layers of any element type -------------------------------------------------------------

    private static readonly ConcurrentDictionary<Type, Func<object, ModelSummary>> LayerSummaries = new();

    private static ModelSummary SummaryOfLayer(object layer) =>
        LayerSummaries.GetOrAdd(layer.GetType(), type =>
        {
            var t = type;
            while (t is not null && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Layer<>))) t = t.BaseType;
            if (t is null) throw new ArgumentException($"{type.Name} is not a Layer<T>.");
            var method = typeof(KitFormatters).GetMethod(nameof(Summarize), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t.GetGenericArguments()[0]);
            return method.CreateDelegate<Func<object, ModelSummary>>();
        })(layer);

    private static ModelSummary Summarize<T>(object layer) where T : unmanaged, IFloatingPointIeee754<T> => ModelSummary.Of((Layer<T>)layer);
}
