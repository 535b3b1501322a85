namespace Tutorial.Data.Images;

/// <summary>How <see cref="ImageIO"/> turns a decoded image into channels.</summary>
public enum ImageColorMode
{
    /// <summary>Grayscale files (1 channel) become (1, H, W); every other file becomes (3, H, W).</summary>
    Auto,

    /// <summary>Always (1, H, W): colour pixels become luma 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601).</summary>
    Grayscale,

    /// <summary>Always (3, H, W), channels R, G, B; a grayscale file repeats its one channel three times.</summary>
    Rgb,
}
