namespace Tutorial.Engine.Tensors;

/// <summary>
/// An immutable tensor shape, outermost dimension first, printed as <c>(64, 785)</c>.
/// Equality compares dimensions, so shapes can be checked with <c>==</c>.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape; every dimension must be zero or positive.</summary>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long length = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new ArgumentException($"Shape ({string.Join(", ", dims)}) has a negative dimension.");
            length *= d;
            if (length > Array.MaxLength) throw new ArgumentException($"Shape ({string.Join(", ", dims)}) has too many elements.");
        }
        _dims = (int[])dims.Clone();
        Length = (int)length;
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public int Length { get; }

    /// <summary>The dimensions (a copy is not made; do not rely on mutating it).</summary>
    public ReadOnlySpan<int> Span => _dims;

    /// <summary>The dimensions as a new array.</summary>
    public int[] Dims => (int[])_dims.Clone();

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end (-1 is the last).</summary>
    public int this[int axis]
    {
        get
        {
            int a = axis < 0 ? axis + _dims.Length : axis;
            if ((uint)a >= (uint)_dims.Length)
                throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} does not exist in shape {this}.");
            return _dims[a];
        }
    }

    /// <summary>A copy with dimension <paramref name="axis"/> replaced by <paramref name="size"/>.</summary>
    public Shape WithDim(int axis, int size)
    {
        var dims = Dims;
        dims[axis < 0 ? axis + dims.Length : axis] = size;
        return new Shape(dims);
    }

    /// <summary>Resolves a requested shape that may contain one -1 against a known element count.</summary>
    public static Shape Resolve(int[] requested, int length)
    {
        var dims = (int[])requested.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"Reshape to ({string.Join(", ", requested)}): only one dimension may be -1.");
                infer = i;
            }
            else known *= dims[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || length % known != 0)
                throw new ArgumentException($"Cannot reshape {length} elements to ({string.Join(", ", requested)}).");
            dims[infer] = (int)(length / known);
        }
        var shape = new Shape(dims);
        if (shape.Length != length)
            throw new ArgumentException($"Cannot reshape {length} elements to {shape} ({shape.Length} elements).");
        return shape;
    }

    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>Python-style: <c>(64, 785)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    public override string ToString() => _dims.Length == 1 ? $"({_dims[0]},)" : $"({string.Join(", ", _dims)})";

    public static implicit operator Shape(int[] dims) => new(dims);
}
