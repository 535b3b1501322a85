using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Tests.Execution;

public class NotebookRunnerTests
{
    private static NotebookDocument Notebook(params string[] codeCells)
    {
        var doc = NotebookDocument.Create();
        foreach (var code in codeCells)
        {
            if (code.StartsWith("md:")) doc.AddCell("markdown", code[3..]);
            else doc.AddCell("code", code);
        }
        return doc;
    }

    private static string Text(JsonObject output, string mime = "text/plain")
    {
        var node = output["output_type"]!.GetValue<string>() == "stream" ? output["text"] : output["data"]![mime];
        return node switch
        {
            JsonArray a => string.Concat(a.Select(n => n!.GetValue<string>())),
            JsonValue v => v.GetValue<string>(),
            _ => throw new InvalidOperationException($"No {mime} in {output.ToJsonString()}"),
        };
    }

    private static string Type(JsonObject output) => output["output_type"]!.GetValue<string>();

    [Fact]
    public async Task State_Persists_UsingsVariablesMethodsAndTypes()
    {
        var doc = Notebook(
            "var x = 2;",
            "int Square(int a) => a * a;",
            "using System.Text.RegularExpressions;\nclass Box { public int V = 3; }",
            "Regex.IsMatch(\"abc\", \"b\") ? Square(x) + new Box().V : -1");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.True(result.Succeeded);
        var last = doc.Cells[3].Outputs.Single();
        Assert.Equal("execute_result", Type(last));
        Assert.Equal("7", Text(last));
        Assert.Equal(4, last["execution_count"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4], doc.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.Empty(doc.Cells[0].Outputs);
    }

    [Fact]
    public async Task ConsoleOutput_BecomesOneStreamOutput_InOrderWithDisplays()
    {
        var doc = Notebook("Console.Write(\"a\"); Console.WriteLine(\"b\"); display(\"shown\"); Console.WriteLine(\"c\");");
        await NotebookRunner.RunAsync(doc);
        var outputs = doc.Cells[0].Outputs;
        Assert.Equal(["stream", "display_data", "stream"], outputs.Select(Type));
        Assert.Equal("ab\n", Text(outputs[0]));
        Assert.Equal("shown", Text(outputs[1]));
        Assert.Equal("c\n", Text(outputs[2]));
    }

    [Fact]
    public async Task DisplayHandle_Update_ReplacesTheEarlierOutput_EvenFromALaterCell()
    {
        var doc = Notebook("var h = display(1);", "h.Update(42);");
        await NotebookRunner.RunAsync(doc);
        Assert.Equal("42", Text(doc.Cells[0].Outputs.Single()));
        Assert.Empty(doc.Cells[1].Outputs);
    }

    [Fact]
    public async Task StatementWithSemicolon_HasNoResult_ExpressionWithout_Has()
    {
        var doc = Notebook("Math.Max(1, 2);", "1 + 1", "Console.WriteLine()");
        await NotebookRunner.RunAsync(doc);
        Assert.True(doc.Cells[0].Outputs.Count == 0, doc.ToJson());
        Assert.Equal("2", Text(doc.Cells[1].Outputs.Single()));
        Assert.Equal("stream", Type(doc.Cells[2].Outputs.Single()));
    }

    [Fact]
    public async Task CompileError_NamesCellLineAndMessage_AndStopsTheRun()
    {
        var doc = Notebook("md:# Title", "var ok = 1;", "int y = 2;\nvar z = undefinedName;", "Console.WriteLine(\"never\");");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.False(result.Succeeded);
        var error = doc.Cells[2].Outputs.Single();
        Assert.Equal("error", Type(error));
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        string message = error["evalue"]!.GetValue<string>();
        Assert.Contains("cell 3, line 2", message);
        Assert.Contains("CS0103", message);
        Assert.Contains("undefinedName", message);
        Assert.Null(doc.Cells[3].ExecutionCount);
        Assert.Empty(doc.Cells[3].Outputs);
        Assert.Equal(3, result.Failures.Single().CellNumber);
    }

    [Fact]
    public async Task RuntimeError_GivesExceptionNameMessageAndCellLine()
    {
        var doc = Notebook("int Fail() =>\n   throw new InvalidOperationException(\"boom\");", "var a = 1;\nFail();");
        await NotebookRunner.RunAsync(doc);
        var error = doc.Cells[1].Outputs.Single();
        Assert.Equal("InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("boom", error["evalue"]!.GetValue<string>());
        var trace = string.Join("\n", error["traceback"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(trace.Contains("at Fail() in cell 1, line 2"), trace);
        Assert.Contains("cell 2, line 2", trace);
    }

    [Fact]
    public async Task ContinueAfterError_WhenAsked_KeepsEarlierState()
    {
        var doc = Notebook("var k = 5;", "throw new Exception(\"x\");", "k * 2");
        var result = await NotebookRunner.RunAsync(doc, new RunOptions { StopOnError = false });
        Assert.Single(result.Failures);
        Assert.Equal("10", Text(doc.Cells[2].Outputs.Single()));
    }

    [Fact]
    public async Task Magics_MarkdownIsSkipped_TimeReports_UnknownIsAnError()
    {
        var doc = Notebook("#!markdown\nthis is *not* C#", "#!csharp\n#!time\nvar t = 1;", "#!fsharp\nlet x = 1");
        var result = await NotebookRunner.RunAsync(doc, new RunOptions { StopOnError = false });
        Assert.Empty(doc.Cells[0].Outputs);
        Assert.StartsWith("Wall time: ", Text(doc.Cells[1].Outputs.Single()));
        var error = doc.Cells[2].Outputs.Single();
        Assert.Equal("DirectiveError", error["ename"]!.GetValue<string>());
        Assert.Contains("#!fsharp", error["evalue"]!.GetValue<string>());
        Assert.Single(result.Failures);
    }

    [Fact]
    public async Task HashR_Path_LoadsAnAssemblyOnce_AndItsTypesAreUsable()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-r-").FullName;
        string dll = Path.Combine(dir, "Greeter.dll");
        var compilation = CSharpCompilation.Create("Greeter",
            [CSharpSyntaxTree.ParseText("namespace G; public static class Hello { public static string Say(string n) => \"hello \" + n; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emit = compilation.Emit(dll);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var doc = Notebook("#r \"Greeter.dll\"", "#r \"Greeter.dll\"\nG.Hello.Say(\"notebook\")");
        var nbPath = Path.Combine(dir, "n.ipynb");
        doc.Save(nbPath);
        var loaded = NotebookDocument.Load(nbPath);
        var result = await NotebookRunner.RunAsync(loaded);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error!.Message)));
        Assert.Equal("hello notebook", Text(loaded.Cells[1].Outputs.Single()));
        Assert.Equal(1, AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "Greeter"));
    }

    [Fact]
    public async Task HashR_MissingFile_IsADirectiveErrorNamingTheFile()
    {
        var doc = Notebook("#r \"does/not/exist.dll\"");
        await NotebookRunner.RunAsync(doc);
        var error = doc.Cells[0].Outputs.Single();
        Assert.Equal("DirectiveError", error["ename"]!.GetValue<string>());
        Assert.Contains("exist.dll", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public async Task HashR_Nuget_CarriedPackage_NeedsNoRestore()
    {
        var doc = Notebook("#r \"nuget: Microsoft.CodeAnalysis.CSharp.Scripting, 5.12.0\"\ntypeof(Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript).Name");
        var result = await NotebookRunner.RunAsync(doc);
        Assert.True(result.Succeeded);
        Assert.Equal("CSharpScript", Text(doc.Cells[0].Outputs.Single()));
    }

    [Fact]
    public async Task HashR_Nuget_RestoresAPackageTheKitDoesNotCarry_AndRefusesOneThatDoesNotExist()
    {
        string cache = Directory.CreateTempSubdirectory("tutorial-nuget-").FullName;
        var resolver = new NuGetResolver(cache);
        var paths = await resolver.ResolveAsync("Humanizer.Core", "3.0.10");
        Assert.Contains(paths, p => Path.GetFileName(p) == "Humanizer.dll");
        var e = await Assert.ThrowsAsync<NuGetResolutionException>(() => resolver.ResolveAsync("No.Such.Package.Tutorial.Kit", "1.0.0"));
        Assert.Contains("No.Such.Package.Tutorial.Kit", e.Message);
        Assert.Contains("NU1101", e.Message);
    }

    [Fact]
    public async Task CellTimeout_AbandonsTheCell_AndSkipsTheRest()
    {
        var doc = Notebook("var started = true;", "while (true) System.Threading.Thread.Sleep(50);", "Console.WriteLine(\"never\");");
        doc.Cells[1].Metadata["tutorial"] = new JsonObject { ["timeout_seconds"] = 0.5 };
        var result = await NotebookRunner.RunAsync(doc, new RunOptions { StopOnError = false });
        var error = doc.Cells[1].Outputs.Single();
        Assert.Equal("TimeoutException", error["ename"]!.GetValue<string>());
        Assert.Contains("0.5 s", error["evalue"]!.GetValue<string>());
        Assert.Null(doc.Cells[2].ExecutionCount);
        Assert.Single(result.Failures);
    }
}
