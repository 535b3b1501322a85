using System.Text.RegularExpressions;

namespace Tutorial.Notebooks.Tests.Formatting;

/// <summary>Small readers of the formatters' HTML for assertions.</summary>
internal static partial class Html
{
    /// <summary>Number of occurrences of <paramref name="part"/>.</summary>
    public static int Count(string html, string part)
    {
        int n = 0;
        for (int i = html.IndexOf(part, StringComparison.Ordinal); i >= 0; i = html.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>The text of every &lt;td&gt;, in order.</summary>
    public static List<string> Cells(string html) => TdRegex().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>Each table row's full HTML (&lt;tr …&gt; … &lt;/tr&gt;).</summary>
    public static List<string> Rows(string html) => TrRegex().Matches(html).Select(m => m.Value).ToList();

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex TdRegex();

    [GeneratedRegex("<tr[^>]*>.*?</tr>")]
    private static partial Regex TrRegex();
}
