using SkiaSharp;

namespace Tutorial.Kernel.Install;

/// <summary>
/// Draws the kernel's logo (a small neural network, white on .NET purple) as the
/// <c>logo-32x32.png</c> and <c>logo-64x64.png</c> that Jupyter shows next to a kernelspec.
/// Drawn with shapes only, so no font is needed.
/// </summary>
public static class KernelLogo
{
    /// <summary>Writes both logos into <paramref name="folder"/>; false when drawing is not possible here.</summary>
    public static bool TryWrite(string folder)
    {
        try
        {
            foreach (int size in new[] { 32, 64 })
                File.WriteAllBytes(Path.Combine(folder, $"logo-{size}x{size}.png"), Draw(size));
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The logo as PNG bytes, <paramref name="size"/> pixels square.</summary>
    public static byte[] Draw(int size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        float s = size / 64f;
        using (var background = new SKPaint { Color = new SKColor(0x51, 0x2B, 0xD4), IsAntialias = true })
            canvas.DrawRoundRect(new SKRect(0, 0, size, size), 12 * s, 12 * s, background);
        float[] layerX = [14 * s, 32 * s, 50 * s];
        float[][] layerY = [[18 * s, 32 * s, 46 * s], [22 * s, 42 * s], [32 * s]];
        using var line = new SKPaint { Color = new SKColor(255, 255, 255, 170), StrokeWidth = 2 * s, IsAntialias = true, Style = SKPaintStyle.Stroke };
        for (int l = 0; l + 1 < layerX.Length; l++)
            foreach (float y0 in layerY[l])
                foreach (float y1 in layerY[l + 1])
                    canvas.DrawLine(layerX[l], y0, layerX[l + 1], y1, line);
        using var node = new SKPaint { Color = SKColors.White, IsAntialias = true };
        for (int l = 0; l < layerX.Length; l++)
            foreach (float y in layerY[l])
                canvas.DrawCircle(layerX[l], y, 5 * s, node);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
