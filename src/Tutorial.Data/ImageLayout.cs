namespace Tutorial.Data;

/// <summary>How image loaders shape their result.</summary>
public enum ImageLayout
{
    /// <summary><c>(N, 1, H, W)</c>: one channel, for convolutional layers.</summary>
    Nchw,

    /// <summary><c>(N, H·W)</c>: each image flattened row by row, for fully connected layers.</summary>
    Flat,
}
