namespace Tutorial.Engine.Autograd;

/// <summary>
/// One node of a <see cref="Value"/> graph as a plain record, for tables and drawings in notebooks.
/// <see cref="Id"/> is the node's position in topological order; <see cref="Inputs"/> are the ids of the
/// nodes it was computed from (empty for a leaf), so every input's id is smaller than the node's.
/// </summary>
/// <param name="Id">Position in the listing (inputs come first).</param>
/// <param name="Label">The node's label, or empty.</param>
/// <param name="Op">The operation that produced it (<c>+</c>, <c>*</c>, <c>tanh</c>, …), or empty for a leaf.</param>
/// <param name="Data">The value.</param>
/// <param name="Grad">The gradient after the last Backward.</param>
/// <param name="Inputs">Ids of the inputs, in argument order.</param>
public sealed record ValueNode(int Id, string Label, string Op, double Data, double Grad, IReadOnlyList<int> Inputs)
{
    /// <summary>True for an input, parameter or constant.</summary>
    public bool IsLeaf => Inputs.Count == 0;
}
