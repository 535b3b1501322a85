using System.Numerics;
using System.Text;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Text;

/// <summary>
/// The characters of a character-level model, each with an index 0 … V−1: <see cref="Encode"/>
/// turns text into indices, <see cref="Decode"/> turns indices back into text.
/// Characters are UTF-16 code units (<c>char</c>); the shipped text is plain ASCII.
/// </summary>
public sealed class CharVocabulary
{
    private readonly char[] _chars;
    private readonly Dictionary<char, int> _index;

    /// <summary>A vocabulary of <paramref name="chars"/> in the given order (character i gets index i); no character may repeat.</summary>
    public CharVocabulary(IEnumerable<char> chars)
    {
        ArgumentNullException.ThrowIfNull(chars);
        _chars = [.. chars];
        if (_chars.Length == 0) throw new ArgumentException("A vocabulary needs at least one character.", nameof(chars));
        _index = new Dictionary<char, int>(_chars.Length);
        for (int i = 0; i < _chars.Length; i++)
            if (!_index.TryAdd(_chars[i], i))
                throw new ArgumentException($"Character {Describe(_chars[i])} appears twice in the vocabulary (indices {_index[_chars[i]]} and {i}).", nameof(chars));
    }

    /// <summary>The distinct characters of <paramref name="text"/>, sorted by code (so the same text always gives the same indices).</summary>
    public static CharVocabulary FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var distinct = new SortedSet<char>(text);
        return new CharVocabulary(distinct);
    }

    /// <summary>Number of characters V.</summary>
    public int Size => _chars.Length;

    /// <summary>The characters, by index.</summary>
    public IReadOnlyList<char> Chars => _chars;

    /// <summary>The character with index <paramref name="index"/>.</summary>
    public char this[int index] =>
        (uint)index < (uint)_chars.Length
            ? _chars[index]
            : throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside a vocabulary of {Size} characters (0 … {Size - 1}).");

    /// <summary>True when <paramref name="c"/> has an index.</summary>
    public bool Contains(char c) => _index.ContainsKey(c);

    /// <summary>The index of <paramref name="c"/>; throws when it is not in the vocabulary.</summary>
    public int IndexOf(char c) =>
        _index.TryGetValue(c, out int i)
            ? i
            : throw new KeyNotFoundException($"Character {Describe(c)} is not in the vocabulary of {Size} characters.");

    /// <summary>The index of every character of <paramref name="text"/>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (!_index.TryGetValue(text[i], out result[i]))
                throw new KeyNotFoundException($"Character {Describe(text[i])} at position {i} is not in the vocabulary of {Size} characters.");
        }
        return result;
    }

    /// <summary>The text spelled by <paramref name="indices"/>.</summary>
    public string Decode(ReadOnlySpan<int> indices)
    {
        var sb = new StringBuilder(indices.Length);
        foreach (int i in indices) sb.Append(this[i]);
        return sb.ToString();
    }

    /// <summary>The text spelled by a tensor of indices stored as <typeparamref name="T"/> (any shape, read row-major).</summary>
    public string Decode<T>(Tensor<T> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(indices);
        var sb = new StringBuilder(indices.Length);
        foreach (T v in indices.Span)
        {
            int i = int.CreateSaturating(v);
            if (T.CreateChecked(i) != v)
                throw new ArgumentException($"{v} is not a character index.", nameof(indices));
            sb.Append(this[i]);
        }
        return sb.ToString();
    }

    /// <summary>One-hot rows for <paramref name="indices"/>: <c>(indices.Length, V)</c>.</summary>
    public Tensor<T> OneHot<T>(ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T> =>
        Preprocessing.OneHot.Encode<T>(indices, Size);

    /// <summary>E.g. <c>CharVocabulary(3): "abc"</c> with control characters escaped.</summary>
    public override string ToString() =>
        $"CharVocabulary({Size}): \"{string.Concat(_chars.Select(c => c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '"' => "\\\"", _ => c.ToString() }))}\"";

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}
