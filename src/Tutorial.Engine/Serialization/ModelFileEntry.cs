using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Serialization;

/// <summary>A tensor listed in a model file: its name, kind and shape, and where its elements start in the file.</summary>
/// <param name="Name">Qualified name, e.g. <c>0.weight</c>.</param>
/// <param name="Kind">Parameter or buffer.</param>
/// <param name="Shape">Shape, outermost dimension first.</param>
/// <param name="DataOffset">Byte offset of the first element in the file.</param>
public sealed record ModelFileEntry(string Name, TensorKind Kind, Shape Shape, long DataOffset);
