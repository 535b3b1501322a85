using System.Text.RegularExpressions;

namespace Tutorial.Models.Text;

/// <summary>
/// A plain check that generated text is made of real words: split it into words (runs of letters, lower-cased)
/// and count how many occur in a reference text.
/// </summary>
public static partial class WordCheck
{
    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex WordPattern();

    /// <summary>The distinct words (lower-cased runs of letters) of <paramref name="text"/>.</summary>
    public static HashSet<string> Vocabulary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in WordPattern().Matches(text)) words.Add(m.Value.ToLowerInvariant());
        return words;
    }

    /// <summary>
    /// The words of <paramref name="text"/> (lower-cased), without a last word cut off by the end of the text
    /// (when the text ends in a letter, that word may be unfinished).
    /// </summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        if (words.Count > 0 && text.Length > 0 && char.IsAsciiLetter(text[^1])) words.RemoveAt(words.Count - 1);
        return words;
    }

    /// <summary>The fraction of the words of <paramref name="texts"/> found in <paramref name="known"/> (0 when there are none).</summary>
    public static double KnownFraction(IEnumerable<string> texts, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(known);
        int total = 0, found = 0;
        foreach (var text in texts)
            foreach (var w in Words(text))
            {
                total++;
                if (known.Contains(w)) found++;
            }
        return total == 0 ? 0 : found / (double)total;
    }
}
