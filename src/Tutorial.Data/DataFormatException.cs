namespace Tutorial.Data;

/// <summary>
/// A data file is corrupt, truncated or not in the expected format. The message always names the
/// file and what was wrong, e.g.
/// <c>data/train-images-idx3-ubyte.gz: header says 60000 images of 28×28 (47,040,000 pixel bytes), but the file holds 3,000,000</c>.
/// Readers never return a partial result: they read and check the whole file first.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>The file (or source name) that failed.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }

    public DataFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }
}
