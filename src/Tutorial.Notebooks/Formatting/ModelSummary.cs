using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>One layer in a <see cref="ModelSummary"/>.</summary>
/// <param name="Path">Position in the model: <c>0</c>, <c>2</c>, <c>1.0</c> for a layer inside a nested Sequential (PyTorch's names).</param>
/// <param name="Layer">The layer's description, e.g. <c>Linear(in: 784, out: 128)</c>.</param>
/// <param name="OutputShape">What the layer returns for the summary's input shape; null without an input shape or after a shape error.</param>
/// <param name="Parameters">Trainable scalars of the layer.</param>
/// <param name="ParameterShapes">Each parameter with its shape: <c>weight (128, 784)</c>.</param>
/// <param name="Error">The shape error this layer raised for its input, if any.</param>
public sealed record ModelSummaryRow(string Path, string Layer, Shape? OutputShape, int Parameters, IReadOnlyList<string> ParameterShapes, string? Error);

/// <summary>
/// What a model is made of, like Keras' <c>model.summary()</c>: one row per layer (nested Sequentials are
/// opened) with its output shape for a given input shape, its parameter count and the parameters' shapes,
/// then the totals. A layer that cannot take the shape it is given shows the error in its row, so a learner
/// sees where the shapes stop fitting.
/// <code>
/// ModelSummary.Of(model, new Shape(64, 784))      // or ModelSummary.Of(model, 64, 784)
/// </code>
/// </summary>
public sealed class ModelSummary
{
    private ModelSummary(string model, string elementType, int elementSize, Shape? inputShape, IReadOnlyList<ModelSummaryRow> rows)
    {
        Model = model;
        ElementType = elementType;
        ElementSize = elementSize;
        InputShape = inputShape;
        Rows = rows;
    }

    /// <summary>Summarises <paramref name="model"/>; with <paramref name="inputShape"/> (batch dimension included) each row has an output shape.</summary>
    public static ModelSummary Of<T>(Layer<T> model, Shape? inputShape = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<ModelSummaryRow>();
        var shape = inputShape;
        bool broken = false;
        foreach (var (path, layer) in Flatten(model, ""))
        {
            Shape? output = null;
            string? error = null;
            if (shape is not null && !broken)
            {
                try
                {
                    output = layer.OutputShape(shape);
                }
                catch (Exception e) when (e is ShapeMismatchException or ArgumentException or InvalidOperationException)
                {
                    error = e.Message;
                    broken = true;
                }
            }
            var shapes = layer.NamedParameters().Select(p => $"{p.Name} {p.Parameter.Value.Shape}").ToList();
            rows.Add(new ModelSummaryRow(path, layer.ToString(), output, layer.ParameterCount, shapes, error));
            shape = output;
        }
        return new ModelSummary(model is Sequential<T> ? "Sequential" : model.ToString(), typeof(T).Name, Unsafe.SizeOf<T>(), inputShape, rows);
    }

    /// <summary>Summarises <paramref name="model"/> for an input of shape <paramref name="inputShape"/>.</summary>
    public static ModelSummary Of<T>(Layer<T> model, params int[] inputShape) where T : unmanaged, IFloatingPointIeee754<T> =>
        Of(model, new Shape(inputShape));

    private static IEnumerable<(string Path, Layer<T> Layer)> Flatten<T>(Layer<T> layer, string prefix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layer is Sequential<T> seq)
        {
            for (int i = 0; i < seq.Layers.Count; i++)
                foreach (var inner in Flatten(seq.Layers[i], prefix + i.ToString(CultureInfo.InvariantCulture) + "."))
                    yield return inner;
            yield break;
        }
        yield return (prefix.TrimEnd('.'), layer);
    }

    /// <summary>The model's description (<c>Sequential</c> for a container).</summary>
    public string Model { get; }

    /// <summary>The element type: <c>Single</c> or <c>Double</c>.</summary>
    public string ElementType { get; }

    /// <summary>Bytes per element.</summary>
    public int ElementSize { get; }

    /// <summary>The input shape the output shapes were computed for, or null.</summary>
    public Shape? InputShape { get; }

    /// <summary>One row per layer, in order.</summary>
    public IReadOnlyList<ModelSummaryRow> Rows { get; }

    /// <summary>Trainable scalars in the whole model.</summary>
    public long TotalParameters => Rows.Sum(r => (long)r.Parameters);

    /// <summary>Memory the parameters take: <see cref="TotalParameters"/> × bytes per element.</summary>
    public long ParameterBytes => TotalParameters * ElementSize;

    /// <summary>The shape the model returns, or null without an input shape or after a shape error.</summary>
    public Shape? OutputShape => InputShape is null || Rows.Any(r => r.Error is not null) ? null : Rows.Count == 0 ? InputShape : Rows[^1].OutputShape;

    /// <summary>The first shape error, or null when every layer accepts its input.</summary>
    public string? Error => Rows.FirstOrDefault(r => r.Error is not null)?.Error;

    /// <summary>A text table like Keras' summary.</summary>
    public override string ToString()
    {
        var table = new List<string[]> { new[] { "#", "layer", "output shape", "parameters" } };
        if (InputShape is not null) table.Add(["", "input", InputShape.ToString(), ""]);
        foreach (var r in Rows)
            table.Add([r.Path, r.Layer, r.Error is not null ? "shape error" : r.OutputShape?.ToString() ?? "", NumberFormat.Count(r.Parameters)]);
        var widths = Enumerable.Range(0, 4).Select(c => table.Max(row => row[c].Length)).ToArray();
        var sb = new StringBuilder($"Model summary: {Model} ({ElementType})\n");
        foreach (var row in table)
            sb.Append(string.Join("  ", row.Select((cell, c) => c == 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        sb.Append($"Total parameters: {NumberFormat.Count(TotalParameters)} ({NumberFormat.Bytes(ParameterBytes)} as {ElementType})");
        if (Error is not null) sb.Append('\n').Append("Shape error: ").Append(Error);
        return sb.ToString();
    }
}
