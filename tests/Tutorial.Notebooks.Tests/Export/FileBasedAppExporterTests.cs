using Tutorial.Notebooks.Export;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Tests.Export;

public class FileBasedAppExporterTests
{
    private static string KitRoot() => FileBasedAppExporter.FindKitRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("the tests run inside the kit's tree");

    private static (string Source, IReadOnlyList<string> Warnings) Export(string outputFile, params (string Type, string Source)[] cells)
    {
        var doc = NotebookDocument.Create();
        foreach (var (type, source) in cells) doc.AddCell(type, source);
        var app = FileBasedAppExporter.Export(doc, outputFile, KitRoot());
        return (app.Source, app.Warnings);
    }

    [Fact]
    public void Export_WritesDirectivesUsingsCommentsStatementsAndTypesInFileBasedAppOrder()
    {
        string root = KitRoot();
        string output = Path.Combine(root, "notebooks", "chapter.cs");
        var (source, warnings) = Export(output,
            ("markdown", "# Title\n\nSome *prose*."),
            ("code", "#r \"nuget: Humanizer, 2.14.1\"\nusing Tutorial.Engine.Tensors;\nvar x = 1;"),
            ("code", "record P(int A);\nint Twice(int v) => 2 * v;\nvar x = Twice(new P(3).A);\nx"));
        var lines = source.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("#!/usr/bin/env dotnet", lines[0]);
        Assert.Contains("#:project ../src/Tutorial.Notebooks/Tutorial.Notebooks.csproj", lines);
        Assert.Contains("#:project ../src/Tutorial.Engine/Tutorial.Engine.csproj", lines);
        Assert.Contains("#:package Humanizer@2.14.1", lines);
        Assert.Contains("using Tutorial.Engine.Tensors;", lines);
        Assert.Contains("using static Tutorial.Notebooks.Export.FileAppDisplay;", lines);
        Assert.Contains("// # Title", lines);
        Assert.Contains("// Some *prose*.", lines);
        Assert.Contains("x = Twice(new P(3).A);", lines);
        Assert.Contains("ShowResult(() => x);", lines);
        Assert.Contains(warnings, w => w.Contains("x declared again"));
        // Every directive and using comes before the first statement, every type after the last.
        int lastHeader = lines.FindLastIndex(l => l.StartsWith("#:") || l.StartsWith("using "));
        int firstStatement = lines.IndexOf("var x = 1;");
        int type = lines.IndexOf("record P(int A);");
        int lastStatement = lines.IndexOf("ShowResult(() => x);");
        Assert.True(lastHeader < firstStatement && lastStatement < type, source);
    }

    [Fact]
    public void Export_CommentsWhatAFileBasedAppCannotDo_AndWarns()
    {
        var (source, warnings) = Export(Path.Combine(Path.GetTempPath(), "x.cs"),
            ("code", "#r \"lib/Thing.dll\"\n#!fsharp\n#!time\nConsole.WriteLine(1);"),
            ("code", "#!markdown\nNotes in a **markdown** magic cell."));
        Assert.Contains("// #r \"lib/Thing.dll\"", source);
        Assert.Contains("// #!fsharp", source);
        Assert.Contains("// Notes in a **markdown** magic cell.", source);
        Assert.Contains(warnings, w => w.Contains("DLL by path"));
        Assert.Contains(warnings, w => w.Contains("'#!fsharp'"));
    }

    [Fact]
    public void Export_ShowsAnAwaitedLastExpression_AndAVoidCallStaysACall()
    {
        var (source, _) = Export(Path.Combine(Path.GetTempPath(), "y.cs"),
            ("code", "await Task.FromResult(5)"),
            ("code", "Console.WriteLine(\"no value\")"));
        Assert.Contains("await ShowResultAsync(async () => await Task.FromResult(5));", source);
        Assert.Contains("ShowResult(() => Console.WriteLine(\"no value\"));", source);
    }
}
