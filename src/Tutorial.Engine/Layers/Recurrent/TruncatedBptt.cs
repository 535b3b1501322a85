using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Layers;

/// <summary>
/// Truncated backpropagation through time: a long sequence x: (N, T, D) is processed in chunks of
/// k = <see cref="ChunkLength"/> steps (the last chunk may be shorter).
/// <list type="bullet">
/// <item>Forward: each chunk starts from the final state (h, and c for LSTM) of the chunk before,
/// carried forward as a constant. The outputs are therefore exactly those of one Forward over the whole
/// sequence.</item>
/// <item>Backward: BPTT runs within the chunk only. No gradient crosses a chunk boundary: the chunk's
/// final state gets no gradient from later chunks (dHn = 0), and the gradient with respect to the carried
/// initial state (the layer's DH0) is dropped instead of being sent to the previous chunk. This is what
/// "detaching the hidden state" does in PyTorch.</item>
/// </list>
/// A Backward then costs O(k) time and memory instead of O(T), and parameters can be updated after
/// every chunk; the price is that dependencies longer than k steps get no gradient.
/// <code>
/// var tbptt = new TruncatedBptt&lt;float&gt;(lstm, chunkLength: 25);
/// foreach (var (start, length) in tbptt.Chunks(x.Dim(1)))
/// {
///     var y = tbptt.Forward(TruncatedBptt&lt;float&gt;.SliceTime(x, start, length)); // state carried over
///     var dY = …;                 // loss (and head) forward and backward for this chunk
///     tbptt.Backward(dY);         // BPTT inside the chunk only
///     optimizer.Step(); model.ZeroGrad();
/// }
/// tbptt.Reset();                  // before an unrelated sequence
/// </code>
/// Forward alone (without Backward) is a stateful streaming mode, e.g. for generating text step by step.
/// </summary>
public sealed class TruncatedBptt<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="layer"/> for chunks of <paramref name="chunkLength"/> steps, starting from zero states.</summary>
    public TruncatedBptt(RecurrentLayer<T> layer, int chunkLength)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (chunkLength <= 0) throw new ArgumentOutOfRangeException(nameof(chunkLength), chunkLength, "The chunk length must be positive.");
        Layer = layer;
        ChunkLength = chunkLength;
    }

    /// <summary>The recurrent layer (stack) the chunks run through.</summary>
    public RecurrentLayer<T> Layer { get; }

    /// <summary>k, the number of steps per chunk.</summary>
    public int ChunkLength { get; }

    /// <summary>The hidden state carried into the next chunk, (L, N, H); null before the first chunk (zeros).</summary>
    public Tensor<T>? Hidden { get; private set; }

    /// <summary>The cell state carried into the next chunk (LSTM), (L, N, H); null before the first chunk or for RNN/GRU.</summary>
    public Tensor<T>? Cell { get; private set; }

    /// <summary>Forgets the carried state: the next chunk starts from zeros (a new, unrelated sequence).</summary>
    public void Reset()
    {
        Hidden = null;
        Cell = null;
    }

    /// <summary>(start, length) of each chunk of a sequence of <paramref name="steps"/> steps.</summary>
    public IEnumerable<(int Start, int Length)> Chunks(int steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps must not be negative.");
        for (int start = 0; start < steps; start += ChunkLength) yield return (start, Math.Min(ChunkLength, steps - start));
    }

    /// <summary>Steps [start, start + length) of a batch-first tensor (N, T, …), copied into a new (N, length, …) tensor.</summary>
    public static Tensor<T> SliceTime(Tensor<T> x, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 2) throw new ShapeMismatchException($"SliceTime needs a tensor (N, T, …), got shape {x.Shape}.");
        int n = x.Dim(0), steps = x.Dim(1);
        if (start < 0 || length < 0 || start + length > steps)
            throw new ArgumentOutOfRangeException(nameof(start), $"Steps [{start}, {start + length}) are outside dimension 1 of shape {x.Shape}.");
        int inner = 1;
        for (int a = 2; a < x.Rank; a++) inner *= x.Dim(a);
        var result = new Tensor<T>(x.Shape.WithDim(1, length));
        for (int i = 0; i < n; i++)
            x.Span.Slice((i * steps + start) * inner, length * inner).CopyTo(result.Span.Slice(i * length * inner, length * inner));
        return result;
    }

    /// <summary>Runs one chunk (N, k, D) from the carried state and carries its final state on.</summary>
    public Tensor<T> Forward(Tensor<T> chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (Hidden is not null && chunk.Rank >= 1 && chunk.Dim(0) != Hidden.Dim(1))
            throw new InvalidOperationException(
                $"Truncated BPTT over {Layer} carries a state for a batch of {Hidden.Dim(1)}, but the chunk has shape {chunk.Shape}; call Reset() between sequences.");
        var y = Layer.Forward(chunk, Hidden, Cell);
        Hidden = Layer.Hn;
        Cell = Layer.Cn;
        return y;
    }

    /// <summary>BPTT within the last chunk only: dX of the chunk; parameter gradients are added; nothing flows to earlier chunks.</summary>
    public Tensor<T> Backward(Tensor<T> dY) => Layer.Backward(dY, dHn: null, dCn: null);

    /// <summary>
    /// The whole loop over <paramref name="x"/>: for each chunk, Forward, then
    /// <paramref name="chunkGradient"/>(start, y) must return dY for that chunk's output y (typically the
    /// loss's backward), then Backward, then <paramref name="afterBackward"/>(start) (e.g. an optimizer step).
    /// Returns dX: (N, T, D), each chunk's dX in its place. The state carries on from earlier calls
    /// (call <see cref="Reset"/> first for a fresh sequence).
    /// </summary>
    public Tensor<T> Run(Tensor<T> x, Func<int, Tensor<T>, Tensor<T>> chunkGradient, Action<int>? afterBackward = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(chunkGradient);
        if (x.Rank != 3) throw new ShapeMismatchException($"Truncated BPTT over {Layer} got x of shape {x.Shape}, expected (N, T, {Layer.InputSize}).");
        int n = x.Dim(0), steps = x.Dim(1), d = x.Dim(2);
        var dX = new Tensor<T>(x.Shape);
        foreach (var (start, length) in Chunks(steps))
        {
            var y = Forward(SliceTime(x, start, length));
            var dXc = Backward(chunkGradient(start, y));
            for (int i = 0; i < n; i++)
                dXc.Span.Slice(i * length * d, length * d).CopyTo(dX.Span.Slice((i * steps + start) * d, length * d));
            afterBackward?.Invoke(start);
        }
        return dX;
    }

    public override string ToString() => $"TruncatedBptt({Layer}, chunk: {ChunkLength})";
}
