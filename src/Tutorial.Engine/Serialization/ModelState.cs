using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Serialization;

/// <summary>
/// The tensors that make a trained model: its parameters and its buffers, by qualified name
/// (PyTorch's <c>state_dict</c>). Used to save and load model files and to keep a copy of the best weights
/// during training.
/// </summary>
public static class ModelState
{
    /// <summary>
    /// The model's live tensors (not copies): parameters in <see cref="Layer{T}.NamedParameters"/> order, then buffers.
    /// </summary>
    public static IReadOnlyList<NamedTensor<T>> Tensors<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<NamedTensor<T>>();
        foreach (var (name, p) in model.NamedParameters()) list.Add(new NamedTensor<T>(name, TensorKind.Parameter, p.Value));
        foreach (var (name, b) in model.NamedBuffers()) list.Add(new NamedTensor<T>(name, TensorKind.Buffer, b));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in list)
            if (!seen.Add(t.Name))
                throw new InvalidOperationException($"{model} has two tensors named '{t.Name}'; names must be unique to save or restore a model.");
        return list;
    }

    /// <summary>Deep copies of the model's tensors, to put back later with <see cref="Restore{T}"/>.</summary>
    public static IReadOnlyList<NamedTensor<T>> Capture<T>(Layer<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensors(model).Select(t => t with { Tensor = t.Tensor.Clone() }).ToArray();

    /// <summary>
    /// Copies <paramref name="state"/> into the model after checking that it has exactly the model's names, kinds and shapes;
    /// on any mismatch it throws and changes nothing.
    /// </summary>
    public static void Restore<T>(Layer<T> model, IReadOnlyList<NamedTensor<T>> state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = Compare(Tensors(model), state.Select(s => (s.Name, s.Kind, s.Tensor.Shape)).ToList());
        if (problems.Count > 0)
            throw new InvalidOperationException($"Cannot restore the state into {model}: {string.Join("; ", problems)}.");
        var byName = state.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var t in Tensors(model)) byName[t.Name].Tensor.CopyTo(t.Tensor);
    }

    /// <summary>
    /// Every difference between a model's tensors and a stored list of (name, kind, shape): missing names,
    /// unexpected names, duplicates, kinds and shapes that differ. Empty when they match exactly.
    /// </summary>
    public static List<string> Compare<T>(IReadOnlyList<NamedTensor<T>> model, IReadOnlyList<(string Name, TensorKind Kind, Shape Shape)> stored)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var problems = new List<string>();
        var storedByName = new Dictionary<string, (TensorKind Kind, Shape Shape)>(StringComparer.Ordinal);
        foreach (var s in stored)
            if (!storedByName.TryAdd(s.Name, (s.Kind, s.Shape)))
                problems.Add($"tensor '{s.Name}' appears twice");
        var modelNames = new HashSet<string>(model.Select(m => m.Name), StringComparer.Ordinal);
        foreach (var m in model)
        {
            if (!storedByName.TryGetValue(m.Name, out var s))
                problems.Add($"{Describe(m.Kind)} '{m.Name}' of shape {m.Tensor.Shape} is missing");
            else if (s.Shape != m.Tensor.Shape)
                problems.Add($"{Describe(m.Kind)} '{m.Name}' has shape {s.Shape}, the model needs {m.Tensor.Shape}");
            else if (s.Kind != m.Kind)
                problems.Add($"'{m.Name}' is stored as a {Describe(s.Kind)}, the model has a {Describe(m.Kind)}");
        }
        foreach (var s in stored)
            if (!modelNames.Contains(s.Name))
                problems.Add($"{Describe(s.Kind)} '{s.Name}' of shape {s.Shape} is not in the model");
        return problems;
    }

    private static string Describe(TensorKind kind) => kind == TensorKind.Buffer ? "buffer" : "parameter";
}
