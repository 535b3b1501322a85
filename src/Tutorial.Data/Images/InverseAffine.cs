namespace Tutorial.Data.Images;

/// <summary>
/// An affine map from an OUTPUT pixel (x, y) back to the SOURCE point it shows:
/// <code>
/// xs = M11·x + M12·y + M13
/// ys = M21·x + M22·y + M23
/// </code>
/// Warping by inverse mapping visits every output pixel once and asks "where did this come from?";
/// the answer is usually between pixels, so <see cref="ImageTransforms.Warp{T}"/> reads it by bilinear
/// interpolation. (Forward mapping, pushing each source pixel to where it goes, would leave holes.)
/// Pixel coordinates: x is the column (right), y the row (down), pixel centres at integers.
/// </summary>
public readonly record struct InverseAffine(double M11, double M12, double M13, double M21, double M22, double M23)
{
    /// <summary>Every output pixel shows the same source pixel.</summary>
    public static InverseAffine Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>
    /// Moves the content by (<paramref name="dx"/>, <paramref name="dy"/>) pixels (right and down are
    /// positive): the output at (x, y) shows the source at (x − dx, y − dy).
    /// </summary>
    public static InverseAffine Translation(double dx, double dy) => new(1, 0, -dx, 0, 1, -dy);

    /// <summary>
    /// Rotates the content by <paramref name="degrees"/> counter-clockwise on screen (as torchvision and
    /// Keras do) about the image centre c = ((W−1)/2, (H−1)/2). With θ in radians and y pointing down,
    /// the output at p shows the source at
    /// <code>
    /// xs = cx + cos θ·(x − cx) − sin θ·(y − cy)
    /// ys = cy + sin θ·(x − cx) + cos θ·(y − cy)
    /// </code>
    /// (the inverse of the forward rotation, which sends a point right of the centre upwards).
    /// </summary>
    public static InverseAffine Rotation(double degrees, int height, int width)
    {
        double theta = degrees * Math.PI / 180.0;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        return new InverseAffine(
            cos, -sin, cx - cos * cx + sin * cy,
            sin, cos, cy - sin * cx - cos * cy);
    }

    /// <summary>The source point shown at output pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double Xs, double Ys) Map(double x, double y) => (M11 * x + M12 * y + M13, M21 * x + M22 * y + M23);
}
