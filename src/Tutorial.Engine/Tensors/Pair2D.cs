namespace Tutorial.Engine.Tensors;

/// <summary>
/// A (height, width) pair of integers for the hyperparameters of 2-D layers: kernel size, stride,
/// padding, dilation. As in PyTorch, one int means the same value for both:
/// <c>kernelSize: 5</c> is (5, 5), <c>padding: (1, 2)</c> pads 1 row above and below and 2 columns left and right.
/// </summary>
/// <param name="H">The value along the height (rows).</param>
/// <param name="W">The value along the width (columns).</param>
public readonly record struct Pair2D(int H, int W)
{
    /// <summary>The same value for height and width.</summary>
    public static implicit operator Pair2D(int both) => new(both, both);

    /// <summary>A (height, width) tuple.</summary>
    public static implicit operator Pair2D((int H, int W) pair) => new(pair.H, pair.W);

    /// <summary>True when <see cref="H"/> equals <see cref="W"/>.</summary>
    public bool IsSquare => H == W;

    /// <summary><c>5</c> when square, else <c>(3, 5)</c>.</summary>
    public override string ToString() => H == W ? $"{H}" : $"({H}, {W})";
}
