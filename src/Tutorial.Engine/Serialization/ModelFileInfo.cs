namespace Tutorial.Engine.Serialization;

/// <summary>What a verified model file holds (everything but the numbers), from <see cref="ModelFile.Inspect"/>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Version">Format version.</param>
/// <param name="ElementType">The element type name: <c>float32</c> or <c>float64</c>.</param>
/// <param name="Description">The free text saved with the model (by default the model's ToString()).</param>
/// <param name="Tensors">Every tensor, in file order.</param>
/// <param name="Length">File size in bytes.</param>
public sealed record ModelFileInfo(string Path, int Version, string ElementType, string Description, IReadOnlyList<ModelFileEntry> Tensors, long Length)
{
    /// <summary>Total number of stored elements.</summary>
    public long ElementCount => Tensors.Sum(t => (long)t.Shape.Length);
}
