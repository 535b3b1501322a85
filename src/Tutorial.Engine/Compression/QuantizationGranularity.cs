namespace Tutorial.Engine.Compression;

/// <summary>How many scales an int8 tensor carries.</summary>
public enum QuantizationGranularity
{
    /// <summary>One scale for the whole tensor: s = max|w| / 127.</summary>
    PerTensor,

    /// <summary>One scale per row (dimension 0: an output unit of a Linear layer, a filter of a convolution): sᵣ = maxⱼ |w[r, j]| / 127.</summary>
    PerRow,
}
