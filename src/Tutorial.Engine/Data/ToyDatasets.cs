using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Data;

/// <summary>
/// Small generated data sets for lessons and tests: every one is seeded, so the same seed gives the same points.
/// Inputs are <c>x: (N, 2)</c>; class targets are <c>y: (N)</c> class indices stored as T (what
/// <see cref="Losses.SoftmaxCrossEntropy{T}"/> takes).
/// </summary>
public static class ToyDatasets
{
    /// <summary>
    /// Interleaved spiral arms, one per class, as in Stanford's CS231n "Putting it together" notes:
    /// <code>
    /// for class j, point i of n:   r = i / (n − 1)                          (radius 0 … 1)
    ///                              t = 4j + 4·i/(n − 1) + noise·N(0, 1)     (angle in radians)
    ///                              x = (r·sin t, r·cos t),  y = j
    /// </code>
    /// A linear classifier reaches about 50% on three classes; a small MLP separates them.
    /// Samples are ordered class by class. <c>x: (classes·n, 2)  y: (classes·n)</c>
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y) Spiral<T>(int pointsPerClass = 100, int classes = 3, double noise = 0.2, ulong seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pointsPerClass < 2) throw new ArgumentOutOfRangeException(nameof(pointsPerClass), $"A spiral needs at least 2 points per class, got {pointsPerClass}.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), $"A spiral needs at least 1 class, got {classes}.");
        if (!(noise >= 0)) throw new ArgumentOutOfRangeException(nameof(noise), $"The noise must be zero or positive, got {noise}.");
        var rng = new Rng(seed);
        int n = pointsPerClass * classes;
        var x = new Tensor<T>(n, 2);
        var y = new Tensor<T>(n);
        for (int j = 0; j < classes; j++)
        {
            for (int i = 0; i < pointsPerClass; i++)
            {
                int row = j * pointsPerClass + i;
                double r = i / (double)(pointsPerClass - 1);
                double t = 4.0 * j + 4.0 * i / (pointsPerClass - 1) + noise * rng.Normal();
                x[row, 0] = T.CreateChecked(r * Math.Sin(t));
                x[row, 1] = T.CreateChecked(r * Math.Cos(t));
                y[row] = T.CreateChecked(j);
            }
        }
        return (x, y);
    }

    /// <summary>
    /// The four points of exclusive or, the classic problem no single linear layer can solve:
    /// <code>
    /// x = (0,0) (0,1) (1,0) (1,1)
    /// y =   0     1     1     0
    /// </code>
    /// <c>x: (4, 2)  y: (4)</c> class indices.
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y) Xor<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        (Tensor<T>.FromDoubles([0, 0, 0, 1, 1, 0, 1, 1], 4, 2), Tensor<T>.FromDoubles([0, 1, 1, 0], 4));

    /// <summary>
    /// Two Gaussian blobs per class centre, for a first classifier: class k's points are drawn around centre k
    /// with standard deviation <paramref name="spread"/>. Samples are ordered class by class.
    /// <code>centers: (K, 2)  ->  x: (K·n, 2)  y: (K·n)</code>
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y) Blobs<T>(double[,] centers, int pointsPerClass = 50, double spread = 0.5, ulong seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(centers);
        if (centers.GetLength(1) != 2) throw new ArgumentException($"Blob centres must be (K, 2), got ({centers.GetLength(0)}, {centers.GetLength(1)}).");
        if (pointsPerClass < 1) throw new ArgumentOutOfRangeException(nameof(pointsPerClass), $"Need at least 1 point per class, got {pointsPerClass}.");
        var rng = new Rng(seed);
        int k = centers.GetLength(0), n = k * pointsPerClass;
        var x = new Tensor<T>(n, 2);
        var y = new Tensor<T>(n);
        for (int c = 0; c < k; c++)
            for (int i = 0; i < pointsPerClass; i++)
            {
                int row = c * pointsPerClass + i;
                x[row, 0] = T.CreateChecked(centers[c, 0] + spread * rng.Normal());
                x[row, 1] = T.CreateChecked(centers[c, 1] + spread * rng.Normal());
                y[row] = T.CreateChecked(c);
            }
        return (x, y);
    }

    /// <summary>
    /// A noisy line for a first regression: y = slope·x + intercept + noise·N(0, 1), with x uniform in [−1, 1).
    /// <code>x: (n, 1)  y: (n, 1)</code>
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y) Line<T>(int n = 100, double slope = 2, double intercept = -1, double noise = 0.1, ulong seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"Need at least 1 point, got {n}.");
        var rng = new Rng(seed);
        var x = new Tensor<T>(n, 1);
        var y = new Tensor<T>(n, 1);
        for (int i = 0; i < n; i++)
        {
            double xi = rng.Uniform(-1, 1);
            x[i, 0] = T.CreateChecked(xi);
            y[i, 0] = T.CreateChecked(slope * xi + intercept + noise * rng.Normal());
        }
        return (x, y);
    }
}
