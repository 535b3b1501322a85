using System.Collections.Concurrent;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Notebooks.Formatting;

/// <summary>
/// A tensor of any element type seen as doubles, read one element at a time, so the formatters need
/// no copy of a large tensor (only the elements shown are read, plus one pass for the statistics).
/// </summary>
internal interface ITensorView
{
    Shape Shape { get; }

    /// <summary>The element type's name: <c>Single</c>, <c>Double</c>.</summary>
    string ElementType { get; }

    /// <summary>The element at flat (row-major) index <paramref name="i"/>.</summary>
    double this[int i] { get; }

    /// <summary>Minimum, maximum and mean of the finite elements and the count of NaN and infinite ones.</summary>
    TensorStats Stats();
}

/// <summary>What a tensor's caption reports about its values.</summary>
internal readonly record struct TensorStats(double Min, double Max, double Mean, int NaN, int Infinite, int Finite);

internal sealed class TensorView<T>(Tensor<T> tensor) : ITensorView where T : unmanaged, IFloatingPointIeee754<T>
{
    public Shape Shape => tensor.Shape;

    public string ElementType => typeof(T).Name;

    public double this[int i] => double.CreateTruncating(tensor.Span[i]);

    public TensorStats Stats()
    {
        var s = tensor.Span;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        int nan = 0, inf = 0, finite = 0;
        foreach (var x in s)
        {
            double v = double.CreateTruncating(x);
            if (double.IsNaN(v)) nan++;
            else if (double.IsInfinity(v)) inf++;
            else
            {
                finite++;
                sum += v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        return finite == 0 ? new TensorStats(double.NaN, double.NaN, double.NaN, nan, inf, 0) : new TensorStats(min, max, sum / finite, nan, inf, finite);
    }
}

/// <summary>Makes an <see cref="ITensorView"/> from a boxed <c>Tensor&lt;T&gt;</c> of any T.</summary>
internal static class TensorViews
{
    private static readonly ConcurrentDictionary<Type, Func<object, ITensorView>> Factories = new();

    public static bool IsTensor(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Tensor<>);

    public static ITensorView Of(object tensor)
    {
        var type = tensor.GetType();
        if (!IsTensor(type)) throw new ArgumentException($"{type.Name} is not a Tensor<T>.", nameof(tensor));
        var factory = Factories.GetOrAdd(type, t =>
        {
            var viewType = typeof(TensorView<>).MakeGenericType(t.GetGenericArguments()[0]);
            return o => (ITensorView)Activator.CreateInstance(viewType, o)!;
        });
        return factory(tensor);
    }
}
