using System.Text.RegularExpressions;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// A solution region in a cell: the lines between a BEGIN and an END marker. Code cells mark it with
/// lines <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>, markdown cells with
/// <c>&lt;!-- BEGIN SOLUTION --&gt;</c> and <c>&lt;!-- END SOLUTION --&gt;</c>.
/// </summary>
/// <param name="Begin">Line index (0-based) of the BEGIN marker.</param>
/// <param name="End">Line index (0-based) of the END marker.</param>
public sealed partial record SolutionRegion(int Begin, int End)
{
    /// <summary>The code markers, exactly as they must appear on a line of their own (leading spaces allowed).</summary>
    public const string CodeBegin = "// BEGIN SOLUTION", CodeEnd = "// END SOLUTION";

    /// <summary>The markdown markers.</summary>
    public const string MarkdownBegin = "<!-- BEGIN SOLUTION -->", MarkdownEnd = "<!-- END SOLUTION -->";

    /// <summary>
    /// The regions of a cell's lines, in order. Throws <see cref="ExerciseFormatException"/> naming
    /// <paramref name="notebook"/>, the cell and the line for a marker without its partner or nested regions.
    /// </summary>
    public static IReadOnlyList<SolutionRegion> Find(IReadOnlyList<string> lines, bool markdown, string notebook, int cellNumber)
    {
        var regions = new List<SolutionRegion>();
        string begin = markdown ? MarkdownBegin : CodeBegin, end = markdown ? MarkdownEnd : CodeEnd;
        int open = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (IsBegin(lines[i], markdown))
            {
                if (open >= 0)
                    throw new ExerciseFormatException($"{notebook}, cell {cellNumber}: '{begin}' on line {i + 1} opens a region inside the one opened on line {open + 1}; " +
                                                      $"close that one with '{end}' first (regions cannot nest).");
                open = i;
            }
            else if (IsEnd(lines[i], markdown))
            {
                if (open < 0)
                    throw new ExerciseFormatException($"{notebook}, cell {cellNumber}: '{end}' on line {i + 1} has no '{begin}' before it.");
                regions.Add(new SolutionRegion(open, i));
                open = -1;
            }
        }
        if (open >= 0)
            throw new ExerciseFormatException($"{notebook}, cell {cellNumber}: '{begin}' on line {open + 1} is never closed by '{end}'.");
        return regions;
    }

    private static bool IsBegin(string line, bool markdown) => markdown ? MarkdownBeginLine().IsMatch(line) : CodeBeginLine().IsMatch(line);

    private static bool IsEnd(string line, bool markdown) => markdown ? MarkdownEndLine().IsMatch(line) : CodeEndLine().IsMatch(line);

    [GeneratedRegex(@"^\s*//\s*BEGIN SOLUTION\b.*$")]
    private static partial Regex CodeBeginLine();

    [GeneratedRegex(@"^\s*//\s*END SOLUTION\b.*$")]
    private static partial Regex CodeEndLine();

    [GeneratedRegex(@"^\s*<!--\s*BEGIN SOLUTION\s*-->\s*$")]
    private static partial Regex MarkdownBeginLine();

    [GeneratedRegex(@"^\s*<!--\s*END SOLUTION\s*-->\s*$")]
    private static partial Regex MarkdownEndLine();
}
