using System.CommandLine;
using System.Diagnostics;
using Tutorial.Cli.Commands;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Cli.Tests.Commands;

public class ExportCommandTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Export_WritesAFileBasedApp_ThatDotnetRunRuns_PrintingValuesAndWritingHtmlBesideIt()
    {
        string dir = Directory.CreateTempSubdirectory("tutorial-export-").FullName;
        var doc = NotebookDocument.Create();
        doc.AddCell("markdown", "# Chapter 0\nA neuron computes **w·x + b**.");
        doc.AddCell("code", "using Tutorial.Engine.Tensors;\nvar w = Tensor<double>.FromDoubles(new[] { 0.5, -1.0 }, 2);\nvar b = 0.25;");
        doc.AddCell("code", "#!time\ndouble Neuron(double x0, double x1) => w[0] * x0 + w[1] * x1 + b;\nfor (int i = 0; i < 2; i++) Console.WriteLine($\"z{i} = {Neuron(i, 1)}\");");
        doc.AddCell("code", "record Sample(double X0, double X1);\nvar b = 1.25;\nvar h = display(new Tutorial.Notebooks.Display.Html(\"<p>plot of the neuron</p>\"));\nNeuron(new Sample(2, 0).X0, 0)");
        string notebook = Path.Combine(dir, "chapter0.ipynb");
        doc.Save(notebook);
        string app = Path.Combine(dir, "chapter0.cs");

        var root = new RootCommand();
        root.Subcommands.Add(ExportCommand.Create());
        var quiet = new StringWriter();
        Assert.Equal(0, await root.Parse(["export", notebook, "--output", app]).InvokeAsync(new InvocationConfiguration { Output = quiet, Error = quiet }));
        Assert.Contains("#:project ", File.ReadAllText(app));

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "-c", Configuration, "chapter0.cs" }) start.ArgumentList.Add(a);
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        if (!run.WaitForExit(TimeSpan.FromMinutes(8))) run.Kill(entireProcessTree: true);
        run.WaitForExit();
        string output = await stdout;
        Assert.True(run.ExitCode == 0, $"dotnet run failed ({run.ExitCode}):\n{output}\n{await stderr}\n--- the app ---\n{File.ReadAllText(app)}");

        var lines = output.Replace("\r\n", "\n").Split('\n');
        Assert.Contains("z0 = -0.75", lines);
        Assert.Contains("z1 = -0.25", lines);
        Assert.Contains("<p>plot of the neuron</p>", lines);
        // the cell's value: 0.5·2 + b, with b redeclared as 1.25 in the last cell
        Assert.Contains("2.25", lines);
        string html = File.ReadAllText(Path.Combine(dir, "chapter0.display-1.html"));
        Assert.Contains("<p>plot of the neuron</p>", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }
}
