using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Exercises;

/// <summary>A generated learner version and what was done to make it.</summary>
/// <param name="Notebook">The learner notebook.</param>
/// <param name="CodeRegions">Code solution regions replaced by placeholders.</param>
/// <param name="MarkdownRegions">Markdown solution regions removed.</param>
/// <param name="Checks">The checks the notebook declares (also written into its metadata).</param>
/// <param name="Warnings">Checks that could not be counted, and similar remarks for the author.</param>
/// <param name="CompileErrors">Cells that compile in the solution but not in the learner version (empty unless something is wrong).</param>
public sealed record LearnerVersion(NotebookDocument Notebook, int CodeRegions, int MarkdownRegions, IReadOnlyList<CheckDeclaration> Checks,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> CompileErrors);

/// <summary>
/// Makes the learner version of a solution notebook:
/// <list type="bullet">
/// <item>every code region between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c> lines is replaced by a
/// placeholder that keeps the notebook compiling (a <c>// YOUR CODE HERE</c> line and, inside a method,
/// <c>throw new NotImplementedException("Exercise: implement Name.");</c>; see <see cref="RegionPlaceholder"/>),
/// so later cells still run and the checks fail gracefully;</item>
/// <item>every markdown region between <c>&lt;!-- BEGIN SOLUTION --&gt;</c> and <c>&lt;!-- END SOLUTION --&gt;</c>
/// is removed (a markdown cell left empty is dropped);</item>
/// <item>outputs and execution counts are cleared;</item>
/// <item>the metadata records <c>{"tutorial": {"exercise": {"version": "learner", "solution": "file.ipynb",
/// "checks": […], "total_points": N}}}</c>, which <c>tutorial grade</c> uses as the list of checks.</item>
/// </list>
/// Unbalanced or nested markers, and regions that cut through a statement, throw
/// <see cref="ExerciseFormatException"/> naming the notebook, the cell and the line. With verification on,
/// the learner version is compiled cell by cell (nothing runs) and cells that compiled in the solution
/// but not in the learner version are reported in <see cref="LearnerVersion.CompileErrors"/>.
/// </summary>
public static class LearnerNotebook
{
    /// <summary>Builds the learner version of <paramref name="solution"/>; <paramref name="learnerPath"/> becomes its <see cref="NotebookDocument.Path"/>.</summary>
    public static async Task<LearnerVersion> CreateAsync(NotebookDocument solution, string? learnerPath = null, bool verify = true)
    {
        string name = solution.Path is null ? "notebook" : Path.GetFileName(solution.Path);
        string folder = solution.Path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(solution.Path))!;

        // Markers first: a malformed notebook is refused before anything is compiled.
        var regions = solution.Cells.Select((cell, i) => cell.CellType switch
        {
            "code" => SolutionRegion.Find(Lines(cell.Source), markdown: false, name, i + 1),
            "markdown" => SolutionRegion.Find(Lines(cell.Source), markdown: true, name, i + 1),
            _ => [],
        }).ToList();
        var scan = CheckDeclarations.Scan(solution);

        bool needsTypes = regions.Where((r, i) => r.Count > 0 && solution.Cells[i].CellType == "code").Any();
        var compiled = needsTypes || verify ? await CompileAsync(solution, folder) : null;

        var root = (JsonObject)JsonNode.Parse(solution.ToJson())!;
        var cells = (JsonArray)root["cells"]!;
        var kept = new JsonArray();
        int codeRegions = 0, markdownRegions = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var json = (JsonObject)cells[i]!.DeepClone();
            var cell = new NotebookCell(json);
            var cellRegions = regions[i];
            if (cell.CellType == "code")
            {
                if (cellRegions.Count > 0)
                {
                    cell.Source = ReplaceCodeRegions(cell.Source, cellRegions, compiled?[i], name, i + 1);
                    codeRegions += cellRegions.Count;
                }
                cell.SetOutputs([]);
                cell.ExecutionCount = null;
            }
            else if (cell.CellType == "markdown" && cellRegions.Count > 0)
            {
                cell.Source = RemoveRegions(cell.Source, cellRegions);
                markdownRegions += cellRegions.Count;
                if (string.IsNullOrWhiteSpace(cell.Source)) continue;
            }
            kept.Add(json);
        }
        root["cells"] = kept;

        var metadata = root["metadata"] as JsonObject ?? (JsonObject)(root["metadata"] = new JsonObject());
        var tutorial = metadata["tutorial"] as JsonObject ?? (JsonObject)(metadata["tutorial"] = new JsonObject());
        tutorial.Remove("checks"); // merged into the list below
        tutorial["exercise"] = new JsonObject
        {
            ["version"] = "learner",
            ["solution"] = name,
            ["checks"] = CheckDeclarations.ToJson(scan.Checks),
            ["total_points"] = scan.TotalPoints,
        };
        var learner = NotebookDocument.Parse(root.ToJsonString(), learnerPath);

        var compileErrors = new List<string>();
        if (verify && compiled is not null)
        {
            var learnerCompiled = await CompileAsync(learner, folder);
            // Cells of the learner version map back to the solution's cells by their order among code cells.
            var solutionCode = solution.Cells.Select((c, i) => (c, i)).Where(x => x.c.CellType == "code").Select(x => x.i).ToList();
            var learnerCode = learner.Cells.Select((c, i) => (c, i)).Where(x => x.c.CellType == "code").Select(x => x.i).ToList();
            for (int k = 0; k < learnerCode.Count; k++)
            {
                var mine = learnerCompiled[learnerCode[k]];
                var original = compiled[solutionCode[k]];
                if (mine is { Compiled: false, Errors.Count: > 0 } && original is { Compiled: true })
                    compileErrors.Add($"{name}, cell {solutionCode[k] + 1}: the learner version does not compile: {mine.Errors[0]}" +
                                      (mine.Errors.Count > 1 ? $" (and {mine.Errors.Count - 1} more)" : ""));
            }
        }
        return new LearnerVersion(learner, codeRegions, markdownRegions, scan.Checks, scan.Warnings, compileErrors);
    }

    /// <summary>Compiles the code cells in order; markdown and raw cells get null.</summary>
    private static async Task<CompiledCell?[]> CompileAsync(NotebookDocument notebook, string folder)
    {
        var compiler = new NotebookCompiler(folder);
        var result = new CompiledCell?[notebook.Cells.Count];
        for (int i = 0; i < notebook.Cells.Count; i++)
            if (notebook.Cells[i].CellType == "code")
                result[i] = await compiler.CompileAsync(notebook.Cells[i].Source, $"cell {i + 1}");
        return result;
    }

    private static string ReplaceCodeRegions(string source, IReadOnlyList<SolutionRegion> regions, CompiledCell? compiled, string notebook, int cellNumber)
    {
        var lines = Lines(source);
        var tree = compiled?.Tree ?? CSharpSyntaxTree.ParseText(CheckDeclarations.WithoutDirectives(string.Join('\n', lines)),
            new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script));
        var model = compiled is { Compiled: true } ? compiled.Model : null;
        var output = new List<string>();
        int next = 0;
        foreach (var region in regions)
        {
            output.AddRange(lines.Skip(next).Take(region.Begin - next));
            output.AddRange(RegionPlaceholder.Build(tree, model, region,
                message => new ExerciseFormatException($"{notebook}, cell {cellNumber}: {message}")));
            next = region.End + 1;
        }
        output.AddRange(lines.Skip(next));
        return string.Join('\n', output);
    }

    private static string RemoveRegions(string source, IReadOnlyList<SolutionRegion> regions)
    {
        var lines = Lines(source);
        var output = new List<string>();
        int next = 0;
        foreach (var region in regions)
        {
            output.AddRange(lines.Skip(next).Take(region.Begin - next));
            next = region.End + 1;
        }
        output.AddRange(lines.Skip(next));
        return string.Join('\n', output).Trim('\n');
    }

    private static List<string> Lines(string source) => [.. source.Replace("\r\n", "\n").Split('\n')];
}
