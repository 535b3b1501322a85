namespace Tutorial.Data.Images;

/// <summary>How <see cref="ImageRender"/> turns tensor values into colours.</summary>
public enum Normalization
{
    /// <summary>Values are already intensities in [0, 1] (images, digits): gray = clamp(v, 0, 1).</summary>
    None,

    /// <summary>
    /// Stretch [min, max] to [0, 1]: gray = (v − min) / (max − min), black for the smallest value and
    /// white for the largest (a constant map renders black). For activations and feature maps.
    /// </summary>
    MinMax,

    /// <summary>
    /// Keep zero in the middle: t = v / max|v| in [−1, 1], drawn with the diverging blue–white–red map
    /// (−max → blue, 0 → white, +max → red; an all-zero map renders white). For weights and
    /// gradients, where the sign matters. (Colour tiles use gray = (t + 1) / 2 per channel instead.)
    /// </summary>
    Symmetric,
}
