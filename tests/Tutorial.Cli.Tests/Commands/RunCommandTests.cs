using System.CommandLine;
using Tutorial.Cli.Commands;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Tests.Commands;

public class RunCommandTests
{
    private static async Task<(int Exit, string Out)> Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Create());
        var writer = new StringWriter();
        var config = new InvocationConfiguration { Output = writer, Error = writer };
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            int exit = await root.Parse(args).InvokeAsync(config);
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static string Write(string dir, string name, params string[] cells)
    {
        var doc = NotebookDocument.Create();
        foreach (var c in cells) doc.AddCell("code", c);
        string path = Path.Combine(dir, name);
        doc.Save(path);
        return path;
    }

    [Fact]
    public async Task Run_WritesOutputsIntoTheOutputFolder_AndLeavesTheOriginal()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-run-").FullName;
        string nb = Write(dir, "ok.ipynb", "var a = 20;", "a + 22");
        string outDir = Path.Combine(dir, "out");
        var (exit, output) = await Run("run", nb, "--output", outDir, "--check");
        Assert.Equal(0, exit);
        Assert.Contains("ok.ipynb: cell 2 (2/2) ok", output);
        Assert.Null(NotebookDocument.Load(nb).Cells[1].ExecutionCount);
        var executed = NotebookDocument.Load(Path.Combine(outDir, "ok.ipynb"));
        Assert.Equal(2, executed.Cells[1].ExecutionCount);
        Assert.Contains("42", executed.Cells[1].Outputs.Single().ToJsonString());
    }

    [Fact]
    public async Task Check_FailsOnAnErrorOutput_AndReportsTheCell()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-run-").FullName;
        string nb = Write(dir, "bad.ipynb", "var a = 1;", "throw new InvalidOperationException(\"broken on purpose\");");
        var (exit, output) = await Run("run", nb, "--check");
        Assert.Equal(1, exit);
        Assert.Contains("bad.ipynb: cell 2 (2/2) FAILED", output);
        Assert.Contains("broken on purpose", output);
        Assert.True(NotebookDocument.Load(nb).Cells[1].HasError);
        var (exitWithoutCheck, _) = await Run("run", nb);
        Assert.Equal(0, exitWithoutCheck);
    }

    [Fact]
    public async Task BadArguments_AreReportedClearly()
    {
        var (exit, output) = await Run("run", "/no/such/notebook.ipynb", "--check");
        Assert.Equal(1, exit);
        Assert.Contains("/no/such/notebook.ipynb does not exist", output);
        var (exit2, output2) = await Run("run", "x.ipynb", "--cell-timeout", "-3");
        Assert.Equal(2, exit2);
        Assert.Contains("--cell-timeout must be positive", output2);
    }
}
