using System.Collections;
using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Sampling;

/// <summary>
/// Mini-batches over paired inputs and targets, <c>x: (N, …)</c> and <c>y: (N, …)</c>, one epoch per
/// enumeration. With an <see cref="Rng"/> every epoch visits the samples in a fresh random order
/// (a permutation drawn from the generator), so a run is reproducible from its seed yet no two
/// epochs are alike; without one the samples come in order and batches are views (no copy).
/// <code>
/// foreach (var batch in MiniBatches.Shuffled(x, y, batchSize: 64, new Rng(42)))
///     loss.Forward(model.Forward(batch.X), batch.Y);
/// </code>
/// </summary>
public sealed class MiniBatches<T> : IEnumerable<Batch<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _x;
    private readonly Tensor<T> _y;
    private readonly Rng? _rng;

    /// <summary>Batches of <paramref name="batchSize"/> rows; shuffled each epoch when <paramref name="rng"/> is given.</summary>
    public MiniBatches(Tensor<T> x, Tensor<T> y, int batchSize, Rng? rng = null, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0 || x.N != y.N)
            throw new ShapeMismatchException($"MiniBatches got x of shape {x.Shape} and y of shape {y.Shape}; both need the same number of rows (dimension 0).");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"The batch size must be positive, got {batchSize}.");
        _x = x;
        _y = y;
        _rng = rng;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    /// <summary>Rows per batch B.</summary>
    public int BatchSize { get; }

    /// <summary>True when a last, smaller batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>True when every epoch draws a new order.</summary>
    public bool IsShuffled => _rng is not null;

    /// <summary>Number of samples N.</summary>
    public int SampleCount => _x.N;

    /// <summary>Batches per epoch: ⌈N/B⌉, or ⌊N/B⌋ with <see cref="DropLast"/>.</summary>
    public int Count => DropLast ? SampleCount / BatchSize : (SampleCount + BatchSize - 1) / BatchSize;

    /// <summary>One epoch. Each enumeration of a shuffled instance draws the next permutation from its generator.</summary>
    public IEnumerator<Batch<T>> GetEnumerator()
    {
        int n = SampleCount;
        int[]? order = _rng?.Permutation(n);
        int batches = Count;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, n - start);
            if (order is null)
            {
                var indices = new int[size];
                for (int i = 0; i < size; i++) indices[i] = start + i;
                yield return new Batch<T>(_x.SliceRows(start, size), _y.SliceRows(start, size), indices);
            }
            else
            {
                int[] indices = order.AsSpan(start, size).ToArray();
                yield return new Batch<T>(TensorRows.Take(_x, indices), TensorRows.Take(_y, indices), indices);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Factories that infer the element type: <c>MiniBatches.Shuffled(x, y, 64, new Rng(1))</c>.</summary>
public static class MiniBatches
{
    /// <summary>Batches in a new random order every epoch, drawn from <paramref name="rng"/>.</summary>
    public static MiniBatches<T> Shuffled<T>(Tensor<T> x, Tensor<T> y, int batchSize, Rng rng, bool dropLast = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new MiniBatches<T>(x, y, batchSize, rng, dropLast);
    }

    /// <summary>Batches in the data's own order (views, no copy): for evaluation.</summary>
    public static MiniBatches<T> InOrder<T>(Tensor<T> x, Tensor<T> y, int batchSize, bool dropLast = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(x, y, batchSize, null, dropLast);

    /// <summary>Shuffled batches of a labeled dataset: X and the class-index targets Y.</summary>
    public static MiniBatches<T> Shuffled<T>(LabeledDataset<T> data, int batchSize, Rng rng, bool dropLast = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return Shuffled(data.X, data.Y, batchSize, rng, dropLast);
    }

    /// <summary>In-order batches of a labeled dataset.</summary>
    public static MiniBatches<T> InOrder<T>(LabeledDataset<T> data, int batchSize, bool dropLast = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return InOrder(data.X, data.Y, batchSize, dropLast);
    }
}
