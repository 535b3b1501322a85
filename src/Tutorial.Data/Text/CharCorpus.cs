using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Text;

/// <summary>
/// A text prepared for a character-level model: the text, its <see cref="CharVocabulary"/> and the
/// text encoded as indices. Training windows pair each character with the one that follows it:
/// <code>
/// x = indices[s … s+T−1]     y = indices[s+1 … s+T]      (the model predicts yₜ from x₀ … xₜ)
/// X: (N, T) indices  or  (N, T, V) one-hot        Y: (N, T) indices
/// </code>
/// </summary>
public sealed class CharCorpus
{
    private readonly int[] _encoded;

    /// <summary>Encodes <paramref name="text"/> with <paramref name="vocabulary"/> (by default, the text's own characters).</summary>
    public CharCorpus(string text, CharVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Vocabulary = vocabulary ?? CharVocabulary.FromText(text);
        _encoded = Vocabulary.Encode(text);
    }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>Its characters and their indices.</summary>
    public CharVocabulary Vocabulary { get; }

    /// <summary>The text as indices, one per character.</summary>
    public ReadOnlySpan<int> Encoded => _encoded;

    /// <summary>Number of characters in the text.</summary>
    public int Length => _encoded.Length;

    /// <summary>
    /// Splits the text in two without shuffling (a window must not straddle both parts): the first
    /// 1 − <paramref name="validationFraction"/> of the characters for training, the rest for
    /// validation. Both parts share this corpus's vocabulary.
    /// </summary>
    public (CharCorpus Train, CharCorpus Validation) Split(double validationFraction)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), $"The validation fraction must be in (0, 1), got {validationFraction}.");
        int cut = Length - (int)Math.Round(Length * validationFraction);
        return (new CharCorpus(Text[..cut], Vocabulary), new CharCorpus(Text[cut..], Vocabulary));
    }

    /// <summary>Start positions of <paramref name="count"/> random windows of <paramref name="length"/> characters (plus the one after), uniform over the text.</summary>
    public int[] SampleStarts(int count, int length, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        CheckWindow(count, length);
        var starts = new int[count];
        for (int i = 0; i < count; i++) starts[i] = rng.NextInt(Length - length);
        return starts;
    }

    /// <summary>
    /// <paramref name="count"/> random training windows (seeded by <paramref name="rng"/>):
    /// X <c>(count, length)</c> indices, Y <c>(count, length)</c> the next character's indices.
    /// </summary>
    public (Tensor<T> X, Tensor<T> Y) SampleWindows<T>(int count, int length, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> =>
        WindowsAt<T>(SampleStarts(count, length, rng), length);

    /// <summary>
    /// As <see cref="SampleWindows{T}"/> with X one-hot encoded: X <c>(count, length, V)</c>, Y <c>(count, length)</c> indices.
    /// </summary>
    public (Tensor<T> X, Tensor<T> Y) SampleWindowsOneHot<T>(int count, int length, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = SampleWindows<T>(count, length, rng);
        return (ToOneHot(x), y);
    }

    /// <summary>
    /// The text cut into consecutive windows of <paramref name="length"/> (no overlap, in order, the
    /// tail that does not fill a window dropped): X, Y <c>(⌊(Length−1)/length⌋, length)</c>.
    /// </summary>
    public (Tensor<T> X, Tensor<T> Y) SequentialWindows<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"A window needs at least one character, got length {length}.");
        int count = (Length - 1) / length;
        var starts = new int[count];
        for (int i = 0; i < count; i++) starts[i] = i * length;
        return WindowsAt<T>(starts, length);
    }

    /// <summary>Windows starting at <paramref name="starts"/>: X = indices[s … s+length−1], Y = indices[s+1 … s+length].</summary>
    public (Tensor<T> X, Tensor<T> Y) WindowsAt<T>(ReadOnlySpan<int> starts, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new Tensor<T>(starts.Length, length);
        var y = new Tensor<T>(starts.Length, length);
        var xs = x.Span;
        var ys = y.Span;
        for (int n = 0; n < starts.Length; n++)
        {
            int s = starts[n];
            if (s < 0 || s + length + 1 > Length)
                throw new ArgumentOutOfRangeException(nameof(starts), $"A window of {length} characters (and the one after) at {s} does not fit in a text of {Length}.");
            for (int t = 0; t < length; t++)
            {
                xs[n * length + t] = T.CreateChecked(_encoded[s + t]);
                ys[n * length + t] = T.CreateChecked(_encoded[s + t + 1]);
            }
        }
        return (x, y);
    }

    /// <summary>Index tensor <c>(N, T)</c> to one-hot <c>(N, T, V)</c>.</summary>
    public Tensor<T> ToOneHot<T>(Tensor<T> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Rank != 2) throw new ShapeMismatchException($"CharCorpus.ToOneHot needs indices of shape (N, T), got {indices.Shape}.");
        int v = Vocabulary.Size;
        var result = new Tensor<T>(indices.Rows, indices.Cols, v);
        var src = indices.Span;
        var dst = result.Span;
        for (int i = 0; i < src.Length; i++)
        {
            int c = int.CreateSaturating(src[i]);
            if ((uint)c >= (uint)v || T.CreateChecked(c) != src[i])
                throw new ArgumentException($"{src[i]} at position {i} is not a character index in 0 … {v - 1}.", nameof(indices));
            dst[i * v + c] = T.One;
        }
        return result;
    }

    private void CheckWindow(int count, int length)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"The number of windows must be ≥ 0, got {count}.");
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"A window needs at least one character, got length {length}.");
        if (length + 1 > Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"A window of {length} characters (and the one after) does not fit in a text of {Length}.");
    }

    /// <summary>E.g. <c>CharCorpus: 383,147 characters, 70 distinct</c>.</summary>
    public override string ToString() => $"CharCorpus: {Length:N0} characters, {Vocabulary.Size} distinct";
}
