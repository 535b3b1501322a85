// Dimension legend used in every doc comment of the engine:
//   N  batch (samples)             C  channels
//   H  height                      W  width
//   T  time steps (sequences)      D  features (input or hidden size)
//   K  classes                     in/out  a layer's input and output widths
//
// Storage is contiguous and row-major: the last dimension varies fastest, so the element at
// (i, j) of an (R, C) tensor sits at Offset + i*C + j, and at (n, c, h, w) of an (N, C, H, W)
// tensor at Offset + ((n*C + c)*H + h)*W + w.

using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tutorial.Engine.Tensors;

/// <summary>
/// A dense, contiguous, row-major tensor of <typeparamref name="T"/> (float for training speed,
/// double for derivation checks, where finite differences need the precision).
/// A tensor is a window (<see cref="Offset"/>, <see cref="Length"/>) onto a shared array, so
/// <see cref="Reshape"/> and <see cref="SliceRows"/> are views that share storage without copying.
/// </summary>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;

    /// <summary>The shape, outermost dimension first.</summary>
    public Shape Shape { get; }

    /// <summary>Index of the first element in the backing array.</summary>
    public int Offset { get; }

    /// <summary>Number of elements (the product of the shape).</summary>
    public int Length => Shape.Length;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>The elements, in row-major order.</summary>
    public Span<T> Span => _data.AsSpan(Offset, Shape.Length);

    /// <summary>The backing array (shared with views). Use <see cref="Span"/> unless you need the array.</summary>
    public T[] Data => _data;

    /// <summary>Creates a tensor of zeros.</summary>
    public Tensor(params int[] shape) : this(new Shape(shape)) { }

    /// <summary>Creates a tensor of zeros.</summary>
    public Tensor(Shape shape)
    {
        Shape = shape;
        _data = shape.Length == 0 ? [] : new T[shape.Length];
    }

    /// <summary>Wraps <paramref name="data"/> (no copy) as a tensor of the given shape starting at <paramref name="offset"/>.</summary>
    public Tensor(T[] data, Shape shape, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || offset + shape.Length > data.Length)
            throw new ArgumentException(
                $"A tensor of shape {shape} at offset {offset} needs {offset + shape.Length} elements, but the array has {data.Length}.");
        _data = data;
        Shape = shape;
        Offset = offset;
    }

    /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => Shape[axis];

    /// <summary>Rows of a 2-D tensor (dimension 0).</summary>
    public int Rows => RequireRank(2, "Rows")[0];

    /// <summary>Columns of a 2-D tensor (dimension 1).</summary>
    public int Cols => RequireRank(2, "Cols")[1];

    /// <summary>Batch size: dimension 0 of a tensor of any rank ≥ 1.</summary>
    public int N => Shape.Rank >= 1 ? Shape[0] : throw new InvalidOperationException("A scalar tensor has no batch dimension.");

    /// <summary>Channels of an (N, C, H, W) tensor.</summary>
    public int C => RequireRank(4, "C")[1];

    /// <summary>Height of an (N, C, H, W) tensor.</summary>
    public int H => RequireRank(4, "H")[2];

    /// <summary>Width of an (N, C, H, W) tensor.</summary>
    public int W => RequireRank(4, "W")[3];

    private Shape RequireRank(int rank, string what) =>
        Shape.Rank == rank ? Shape : throw new InvalidOperationException($"{what} needs a {rank}-D tensor, but the shape is {Shape}.");

    /// <summary>Element by flat (row-major) index.</summary>
    public ref T this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)i >= (uint)Shape.Length) throw IndexError([i]);
            return ref _data[Offset + i];
        }
    }

    /// <summary>Element (i, j) of a 2-D tensor.</summary>
    public ref T this[int i, int j]
    {
        get
        {
            if (Shape.Rank != 2 || (uint)i >= (uint)Shape[0] || (uint)j >= (uint)Shape[1]) throw IndexError([i, j]);
            return ref _data[Offset + i * Shape[1] + j];
        }
    }

    /// <summary>Element (i, j, k) of a 3-D tensor.</summary>
    public ref T this[int i, int j, int k]
    {
        get
        {
            if (Shape.Rank != 3 || (uint)i >= (uint)Shape[0] || (uint)j >= (uint)Shape[1] || (uint)k >= (uint)Shape[2])
                throw IndexError([i, j, k]);
            return ref _data[Offset + (i * Shape[1] + j) * Shape[2] + k];
        }
    }

    /// <summary>Element (n, c, h, w) of a 4-D tensor.</summary>
    public ref T this[int n, int c, int h, int w]
    {
        get
        {
            if (Shape.Rank != 4 || (uint)n >= (uint)Shape[0] || (uint)c >= (uint)Shape[1] || (uint)h >= (uint)Shape[2] || (uint)w >= (uint)Shape[3])
                throw IndexError([n, c, h, w]);
            return ref _data[Offset + ((n * Shape[1] + c) * Shape[2] + h) * Shape[3] + w];
        }
    }

    private IndexOutOfRangeException IndexError(int[] index) =>
        new($"Index ({string.Join(", ", index)}) is outside a tensor of shape {Shape}.");

    /// <summary>A view with a new shape and the same elements (no copy). One dimension may be -1 (inferred).</summary>
    public Tensor<T> Reshape(params int[] shape) => new(_data, Shape.Resolve(shape, Shape.Length), Offset);

    /// <summary>A view of rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) along dimension 0 (a batch slice; no copy).</summary>
    public Tensor<T> SliceRows(int start, int count)
    {
        if (Shape.Rank == 0) throw new InvalidOperationException("A scalar tensor has no rows to slice.");
        if (start < 0 || count < 0 || start + count > Shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start + count}) are outside dimension 0 of shape {Shape}.");
        int rowLength = Shape[0] == 0 ? 0 : Shape.Length / Shape[0];
        return new Tensor<T>(_data, Shape.WithDim(0, count), Offset + start * rowLength);
    }

    /// <summary>Row <paramref name="i"/> along dimension 0 as a view of rank one less.</summary>
    public Tensor<T> Row(int i) => SliceRows(i, 1).Reshape(Shape.Dims[1..]);

    /// <summary>A deep copy with its own storage.</summary>
    public Tensor<T> Clone()
    {
        var copy = new Tensor<T>(Shape);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor<T> Fill(T value)
    {
        Span.Fill(value);
        return this;
    }

    /// <summary>Copies the elements into <paramref name="destination"/>, which must have the same number of elements.</summary>
    public void CopyTo(Tensor<T> destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Cannot copy a tensor of shape {Shape} into one of shape {destination.Shape}.");
        Span.CopyTo(destination.Span);
    }

    /// <summary>The elements as a new array.</summary>
    public T[] ToArray() => Span.ToArray();

    /// <summary>Converts every element to <typeparamref name="TOut"/> (e.g. float to double for a derivation check).</summary>
    public Tensor<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        var result = new Tensor<TOut>(Shape);
        var src = Span;
        var dst = result.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = TOut.CreateTruncating(src[i]);
        return result;
    }

    /// <summary>True when both tensors have the same shape and bitwise-equal elements.</summary>
    public bool ValueEquals(Tensor<T> other) => Shape == other.Shape && Span.SequenceEqual(other.Span);

    /// <summary>Shape and element type, e.g. <c>Tensor&lt;Single&gt;(64, 10)</c>; formatters show the values.</summary>
    public override string ToString() => $"Tensor<{typeof(T).Name}>{Shape}";

    // ---- factories -------------------------------------------------------------------------

    /// <summary>A tensor of zeros.</summary>
    public static Tensor<T> Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape) => new Tensor<T>(shape).Fill(value);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>Copies <paramref name="values"/> into a new tensor of the given shape.</summary>
    public static Tensor<T> FromArray(ReadOnlySpan<T> values, params int[] shape)
    {
        var s = new Shape(shape);
        if (s.Length != values.Length)
            throw new ArgumentException($"{values.Length} values cannot fill a tensor of shape {s} ({s.Length} elements).");
        var t = new Tensor<T>(s);
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>Converts <paramref name="values"/> (e.g. a double literal array) into a new tensor of the given shape.</summary>
    public static Tensor<T> FromDoubles(ReadOnlySpan<double> values, params int[] shape)
    {
        var s = new Shape(shape);
        if (s.Length != values.Length)
            throw new ArgumentException($"{values.Length} values cannot fill a tensor of shape {s} ({s.Length} elements).");
        var t = new Tensor<T>(s);
        var dst = t.Span;
        for (int i = 0; i < values.Length; i++) dst[i] = T.CreateChecked(values[i]);
        return t;
    }

    /// <summary>A 2-D tensor from a rectangular array.</summary>
    public static Tensor<T> FromMatrix(double[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var t = new Tensor<T>(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t._data[i * cols + j] = T.CreateChecked(values[i, j]);
        return t;
    }

    /// <summary>Elements drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor<T> Uniform(Rng rng, double low, double high, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = T.CreateChecked(rng.Uniform(low, high));
        return t;
    }

    /// <summary>Elements drawn from a normal distribution with the given mean and standard deviation.</summary>
    public static Tensor<T> Normal(Rng rng, double mean, double std, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = T.CreateChecked(mean + std * rng.Normal());
        return t;
    }
}
