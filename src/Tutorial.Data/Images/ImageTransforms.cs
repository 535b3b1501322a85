using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Deterministic geometric transforms of image tensors: flips, rotation, shift, pad, crop and resize.
/// Each accepts one image (C, H, W) or a batch (N, C, H, W), treats every channel of every image
/// alike, and returns a new tensor (the input is never changed). The random versions used for data
/// augmentation are in <see cref="Augmentation"/>.
/// <para>Rotation and shift work by inverse mapping (see <see cref="InverseAffine"/>): each output
/// pixel looks up the source point it shows and reads it by bilinear interpolation (see
/// <see cref="Bilinear"/>). Where that point lies outside the source, the <c>fill</c> value shows
/// (0 by default: black, the background of MNIST digits); for values the output mixes image and fill
/// over the one-pixel border band.</para>
/// </summary>
public static class ImageTransforms
{
    /// <summary>Mirrors left and right: y[c, i, j] = x[c, i, W−1−j]. Flipping twice gives x back.</summary>
    public static Tensor<T> FlipHorizontal<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "FlipHorizontal", out _);
        var y = new Tensor<T>(x.Shape);
        int w = batch.Shape[3];
        var src = batch.Span;
        var dst = y.Span;
        for (int row = 0; row < src.Length; row += w)
            for (int j = 0; j < w; j++)
                dst[row + j] = src[row + w - 1 - j];
        return y;
    }

    /// <summary>Mirrors top and bottom: y[c, i, j] = x[c, H−1−i, j].</summary>
    public static Tensor<T> FlipVertical<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "FlipVertical", out _);
        var y = new Tensor<T>(x.Shape);
        int h = batch.Shape[2], w = batch.Shape[3];
        var src = batch.Span;
        var dst = y.Span;
        for (int plane = 0; plane < src.Length; plane += h * w)
            for (int i = 0; i < h; i++)
                src.Slice(plane + (h - 1 - i) * w, w).CopyTo(dst.Slice(plane + i * w, w));
        return y;
    }

    /// <summary>
    /// Rotates the content by <paramref name="degrees"/> counter-clockwise about the image centre
    /// ((W−1)/2, (H−1)/2); corners that rotate in from outside show <paramref name="fill"/>.
    /// A rotation by 90° of a square image moves pixel (row i, column j) to (row W−1−j, column i), exactly.
    /// </summary>
    public static Tensor<T> Rotate<T>(Tensor<T> x, double degrees, double fill = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "Rotate", out _);
        return Warp(x, InverseAffine.Rotation(degrees, batch.Shape[2], batch.Shape[3]), fill);
    }

    /// <summary>
    /// Moves the content <paramref name="dx"/> pixels right and <paramref name="dy"/> pixels down
    /// (negative: left, up): y[c, i, j] = x[c, i − dy, j − dx], with <paramref name="fill"/> where that
    /// falls outside. Fractional shifts interpolate bilinearly.
    /// </summary>
    public static Tensor<T> Shift<T>(Tensor<T> x, double dx, double dy, double fill = 0) where T : unmanaged, IFloatingPointIeee754<T> =>
        Warp(x, InverseAffine.Translation(dx, dy), fill);

    /// <summary>
    /// The general warp: output pixel (x, y) of every channel shows the source at
    /// <paramref name="map"/>.Map(x, y), read by bilinear interpolation, where neighbours outside the
    /// image count as <paramref name="fill"/>. Output shape = input shape.
    /// </summary>
    public static Tensor<T> Warp<T>(Tensor<T> x, InverseAffine map, double fill = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "Warp", out _);
        int h = batch.Shape[2], w = batch.Shape[3], planeLength = h * w;
        int planes = planeLength == 0 ? 0 : batch.Length / planeLength;
        var y = new Tensor<T>(x.Shape);
        var src = batch.Span;
        var dst = y.Span;

        // The source point of each output pixel is the same for every plane: compute it once.
        var xs = new double[planeLength];
        var ys = new double[planeLength];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                (xs[i * w + j], ys[i * w + j]) = map.Map(j, i);

        var plane = new double[planeLength];
        for (int p = 0; p < planes; p++)
        {
            var s = src.Slice(p * planeLength, planeLength);
            for (int k = 0; k < planeLength; k++) plane[k] = double.CreateChecked(s[k]);
            var d = dst.Slice(p * planeLength, planeLength);
            for (int k = 0; k < planeLength; k++)
                d[k] = T.CreateChecked(Bilinear.SampleOrFill(plane, h, w, xs[k], ys[k], fill));
        }
        return y;
    }

    /// <summary>
    /// Adds <paramref name="padding"/> pixels of <paramref name="fill"/> on every side:
    /// (C, H, W) → (C, H + 2p, W + 2p), with y[c, i + p, j + p] = x[c, i, j].
    /// </summary>
    public static Tensor<T> Pad<T>(Tensor<T> x, int padding, double fill = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var batch = ImageShape.AsBatch(x, "Pad", out bool single);
        int n = batch.Shape[0], c = batch.Shape[1], h = batch.Shape[2], w = batch.Shape[3];
        int ph = h + 2 * padding, pw = w + 2 * padding;
        var y = Tensor<T>.Full(T.CreateChecked(fill), n, c, ph, pw);
        var src = batch.Span;
        var dst = y.Span;
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < h; i++)
                src.Slice((p * h + i) * w, w).CopyTo(dst.Slice((p * ph + i + padding) * pw + padding, pw - 2 * padding));
        return single ? y.Reshape(c, ph, pw) : y;
    }

    /// <summary>
    /// Cuts out the window of <paramref name="height"/> × <paramref name="width"/> pixels whose top-left
    /// pixel is (<paramref name="top"/>, <paramref name="left"/>): y[c, i, j] = x[c, top + i, left + j].
    /// The window must lie inside the image.
    /// </summary>
    public static Tensor<T> Crop<T>(Tensor<T> x, int top, int left, int height, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "Crop", out bool single);
        int n = batch.Shape[0], c = batch.Shape[1], h = batch.Shape[2], w = batch.Shape[3];
        if (height < 0 || width < 0 || top < 0 || left < 0 || top + height > h || left + width > w)
            throw new ArgumentOutOfRangeException(nameof(top),
                $"Crop: the window rows [{top}, {top + height}) × columns [{left}, {left + width}) is not inside an image of shape {x.Shape}.");
        var y = new Tensor<T>(n, c, height, width);
        var src = batch.Span;
        var dst = y.Span;
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < height; i++)
                src.Slice((p * h + top + i) * w + left, width).CopyTo(dst.Slice((p * height + i) * width, width));
        return single ? y.Reshape(c, height, width) : y;
    }

    /// <summary>
    /// Resizes to <paramref name="height"/> × <paramref name="width"/> by bilinear interpolation with
    /// pixel centres aligned as in PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c>
    /// and OpenCV: output pixel j shows the source at
    /// <code>
    /// xs = (j + ½) · W_in / W_out − ½      (and ys likewise)
    /// </code>
    /// clamped into [0, W_in − 1], so the edge pixels repeat instead of fading to a fill value. A
    /// constant image stays constant. Shrinking by more than 2× reads only the nearest four pixels
    /// (no anti-aliasing filter), like PyTorch's default.
    /// </summary>
    public static Tensor<T> Resize<T>(Tensor<T> x, int height, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = ImageShape.AsBatch(x, "Resize", out bool single);
        int n = batch.Shape[0], c = batch.Shape[1], h = batch.Shape[2], w = batch.Shape[3];
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"Resize: the new size must be positive, got {height} × {width}.");
        if (h == 0 || w == 0)
            throw new ShapeMismatchException($"Resize: cannot resize an empty image of shape {x.Shape}.");

        var y = new Tensor<T>(n, c, height, width);
        var src = batch.Span;
        var dst = y.Span;
        double scaleY = (double)h / height, scaleX = (double)w / width;
        var plane = new double[h * w];
        for (int p = 0; p < n * c; p++)
        {
            var s = src.Slice(p * h * w, h * w);
            for (int k = 0; k < plane.Length; k++) plane[k] = double.CreateChecked(s[k]);
            for (int i = 0; i < height; i++)
            {
                double ys = (i + 0.5) * scaleY - 0.5;
                for (int j = 0; j < width; j++)
                {
                    double xs = (j + 0.5) * scaleX - 0.5;
                    dst[(p * height + i) * width + j] = T.CreateChecked(Bilinear.SampleClamped(plane, h, w, xs, ys));
                }
            }
        }
        return single ? y.Reshape(c, height, width) : y;
    }
}
