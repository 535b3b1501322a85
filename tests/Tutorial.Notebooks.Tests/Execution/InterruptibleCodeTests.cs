using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Notebooks.Tests.Execution;

public class InterruptibleCodeTests
{
    private const string Check = "global::Tutorial.Notebooks.Execution.CellInterrupt.Check();";

    private sealed class Collect : IOutputSink
    {
        public readonly System.Text.StringBuilder Text = new();
        public void Stream(string name, string text) { lock (Text) Text.Append(text); }
        public void Display(MimeBundle data, string displayId) { }
        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }

    [Fact]
    public void Instrument_PutsACheckIntoEveryLoopAndBody_OnTheSameLines()
    {
        string code = "#r \"nuget: Plotly.NET, 6.0.0\"\nwhile (true) {}\nfor (int i = 0; i < 3; i++)\n    Console.WriteLine(i);\nint F(int x) { return x; }\nAction a = () => { };\nforeach (var c in \"ab\") ;\ndo { } while (false);";
        string instrumented = InterruptibleCode.Instrument(code);
        var lines = instrumented.Split('\n');
        Assert.Equal(code.Split('\n').Length, lines.Length);
        Assert.Equal("#r \"nuget: Plotly.NET, 6.0.0\"", lines[0]);
        Assert.Equal($"while (true) {{{Check}}}", lines[1]);
        Assert.Equal($"    {{{Check}Console.WriteLine(i);}}", lines[3]);
        Assert.Equal($"int F(int x) {{ {Check}return x; }}", lines[4]);
        Assert.Equal($"Action a = () => {{ {Check}}};", lines[5]);
        Assert.Equal($"foreach (var c in \"ab\") {{{Check};}}", lines[6]);
        Assert.Equal($"do {{ {Check}}} while (false);", lines[7]);
    }

    [Fact]
    public void Instrument_LeavesCodeWithoutLoopsAndMarkdownCellsAlone()
    {
        Assert.Equal("var x = 1;\nx + 1", InterruptibleCode.Instrument("var x = 1;\nx + 1"));
        Assert.Equal("#!markdown\nwhile we wait, for each layer …", InterruptibleCode.Instrument("#!markdown\nwhile we wait, for each layer …"));
    }

    [Fact]
    public async Task AnInterruptedEndlessLoop_EndsWithAnError_AndTheSessionKeepsItsState()
    {
        var session = new ScriptSession();
        var sink = new Collect();
        Assert.True((await session.SubmitAsync("var kept = 41;", sink)).Succeeded);

        var interrupt = new CellInterrupt();
        Task<SubmissionResult> running;
        using (interrupt.Enter())
            running = session.SubmitAsync(InterruptibleCode.Instrument("Console.WriteLine(\"looping\");\nwhile (true) { }"), sink);
        await WaitUntil(() => sink.Text.ToString().Contains("looping"));
        interrupt.Request();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(nameof(CellInterruptedException), result.Error?.Name);
        Assert.Contains(result.Error!.Traceback, line => line.Contains("line 2"));
        var after = await session.SubmitAsync("kept + 1", sink);
        Assert.True(after.Succeeded);
        Assert.Equal(42, after.Value);
    }

    [Fact]
    public async Task AnInterrupt_StopsAMethodDeclaredInTheCell_AndTasksItStarted()
    {
        var session = new ScriptSession();
        var sink = new Collect();
        var interrupt = new CellInterrupt();
        Task<SubmissionResult> running;
        string code = "void Spin() { while (true) { } }\nvar worker = Task.Run(() => { Spin(); });\nConsole.WriteLine(\"started\");\nawait worker;";
        using (interrupt.Enter())
            running = session.SubmitAsync(InterruptibleCode.Instrument(code), sink);
        await WaitUntil(() => sink.Text.ToString().Contains("started"));
        interrupt.Request();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(nameof(CellInterruptedException), result.Error?.Name);
    }

    [Fact]
    public void Check_OutsideAnInterruptedScope_DoesNothing()
    {
        var other = new CellInterrupt();
        var mine = new CellInterrupt();
        using (other.Enter()) other.Request();
        using (mine.Enter())
        {
            CellInterrupt.Check();
            Assert.False(mine.IsRequested);
        }
        var stillPending = new CellInterrupt();
        using (stillPending.Enter())
        {
            stillPending.Request();
            Assert.Throws<CellInterruptedException>(CellInterrupt.Check);
        }
        // The scope ended: its request no longer counts.
        CellInterrupt.Check();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the cell did not start within 30 s");
    }
}
