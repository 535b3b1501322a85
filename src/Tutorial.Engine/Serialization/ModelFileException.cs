namespace Tutorial.Engine.Serialization;

/// <summary>A model file could not be read or does not fit the model; the message names the file and the problem.</summary>
public sealed class ModelFileException : IOException
{
    public ModelFileException(string path, string problem, Exception? inner = null)
        : base($"Cannot load model file '{path}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
