namespace Tutorial.Data.Images;

/// <summary>
/// Bilinear interpolation on one image plane (H rows, W columns, row-major), in pixel coordinates
/// where pixel (x, y) is the sample at column x, row y (x right, y down).
/// <para>The value at a real point (xs, ys) blends the four pixels around it. With
/// x₀ = ⌊xs⌋, y₀ = ⌊ys⌋, fx = xs − x₀, fy = ys − y₀:</para>
/// <code>
/// v = (1−fy)·((1−fx)·I[y₀, x₀] + fx·I[y₀, x₀+1]) + fy·((1−fx)·I[y₀+1, x₀] + fx·I[y₀+1, x₀+1])
/// </code>
/// <para>At an integer point the weights are (1, 0, 0, 0) and the pixel comes back exactly. Coordinates
/// within 1e-9 of an integer are snapped to it first, so rotations by multiples of 90° and whole-pixel
/// shifts, whose sin and cos carry rounding errors of ~1e-16, move pixels without blurring them.</para>
/// </summary>
internal static class Bilinear
{
    private const double Snap = 1e-9;

    private static double Snapped(double v)
    {
        double r = Math.Round(v);
        return Math.Abs(v - r) < Snap ? r : v;
    }

    /// <summary>
    /// Samples at (xs, ys); a neighbour outside the image counts as <paramref name="fill"/> (constant
    /// padding), so the image fades into the fill colour over one pixel at its border, and a point more
    /// than one pixel outside gets the fill value itself.
    /// </summary>
    public static double SampleOrFill(double[] plane, int height, int width, double xs, double ys, double fill)
    {
        xs = Snapped(xs);
        ys = Snapped(ys);
        if (!(xs > -1 && xs < width && ys > -1 && ys < height)) return fill; // also catches NaN
        int x0 = (int)Math.Floor(xs), y0 = (int)Math.Floor(ys);
        double fx = xs - x0, fy = ys - y0;
        double Pixel(int x, int y) => (uint)x < (uint)width && (uint)y < (uint)height ? plane[y * width + x] : fill;
        double top = fx == 0 ? Pixel(x0, y0) : (1 - fx) * Pixel(x0, y0) + fx * Pixel(x0 + 1, y0);
        if (fy == 0) return top;
        double bottom = fx == 0 ? Pixel(x0, y0 + 1) : (1 - fx) * Pixel(x0, y0 + 1) + fx * Pixel(x0 + 1, y0 + 1);
        return (1 - fy) * top + fy * bottom;
    }

    /// <summary>
    /// Samples at (xs, ys) with coordinates clamped into the image (edge pixels repeat), as resizing does.
    /// </summary>
    public static double SampleClamped(double[] plane, int height, int width, double xs, double ys)
    {
        xs = Math.Clamp(Snapped(xs), 0, width - 1);
        ys = Math.Clamp(Snapped(ys), 0, height - 1);
        int x0 = (int)Math.Floor(xs), y0 = (int)Math.Floor(ys);
        int x1 = Math.Min(x0 + 1, width - 1), y1 = Math.Min(y0 + 1, height - 1);
        double fx = xs - x0, fy = ys - y0;
        double top = (1 - fx) * plane[y0 * width + x0] + fx * plane[y0 * width + x1];
        double bottom = (1 - fx) * plane[y1 * width + x0] + fx * plane[y1 * width + x1];
        return (1 - fy) * top + fy * bottom;
    }
}
