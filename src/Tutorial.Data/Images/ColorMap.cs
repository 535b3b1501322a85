namespace Tutorial.Data.Images;

/// <summary>Colour maps from a number to an 8-bit (R, G, B) colour.</summary>
public static class ColorMap
{
    /// <summary>Gray level: t in [0, 1] (clamped) → (g, g, g) with g = round(255·t).</summary>
    public static (byte R, byte G, byte B) Gray(double t)
    {
        byte g = ImageShape.Quantize(t);
        return (g, g, g);
    }

    /// <summary>
    /// The diverging blue–white–red map (matplotlib's "bwr"): t in [−1, 1] (clamped),
    /// t ≤ 0 → (1 + t, 1 + t, 1), t ≥ 0 → (1, 1 − t, 1 − t), times 255. So −1 is pure blue
    /// (0, 0, 255), 0 is white and +1 pure red (255, 0, 0); equal |t| give equally pale colours.
    /// </summary>
    public static (byte R, byte G, byte B) BlueWhiteRed(double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, -1, 1);
        return t <= 0
            ? (ImageShape.Quantize(1 + t), ImageShape.Quantize(1 + t), (byte)255)
            : ((byte)255, ImageShape.Quantize(1 - t), ImageShape.Quantize(1 - t));
    }
}
