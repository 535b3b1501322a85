using Tutorial.Kernel.Editing;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel.Tests.Editing;

public class CodeCompletionTests
{
    private sealed class NoOutput : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Display(MimeBundle data, string displayId) { }
        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }

    private static async Task<ScriptSession> SessionWith(params string[] cells)
    {
        var session = new ScriptSession();
        foreach (var cell in cells) Assert.True((await session.SubmitAsync(cell, new NoOutput())).Succeeded);
        return session;
    }

    private static IReadOnlyList<string> Names(CompletionList list) => list.Items.Select(i => i.Text).ToList();

    [Fact]
    public async Task AfterATypeAndADot_OffersItsStaticMembersStartingWithTheWord()
    {
        var session = await SessionWith();
        string code = "System.Math.Ma";
        var list = CodeCompletion.Complete(session, code, code.Length);
        Assert.Contains("Max", Names(list));
        Assert.Contains("MaxMagnitude", Names(list));
        Assert.DoesNotContain("Min", Names(list));
        Assert.Equal((12, 14), (list.Start, list.End));
        Assert.Equal("function", list.Items.First(i => i.Text == "Max").Kind);
    }

    [Fact]
    public async Task AfterAnExpressionAndADot_OffersInstanceMembersAndExtensionMethods()
    {
        var session = await SessionWith("var numbers = new List<int> { 3, 1, 2 };");
        string code = "numbers.";
        var names = Names(CodeCompletion.Complete(session, code, code.Length));
        Assert.Contains("Add", names);
        Assert.Contains("Count", names);
        Assert.Contains("OrderBy", names); // LINQ, an extension method
        Assert.DoesNotContain("ReferenceEquals", names); // static member of object
    }

    [Fact]
    public async Task AfterANamespace_OffersItsNamespacesAndTypes()
    {
        var session = await SessionWith();
        string code = "System.Collections.Gen";
        Assert.Equal(["Generic"], Names(CodeCompletion.Complete(session, code, code.Length)));
    }

    [Fact]
    public async Task WithoutADot_OffersTheSessionsVariablesMethodsGlobalsAndKeywords()
    {
        var session = await SessionWith("var learningRate = 0.1;", "double Halve(double x) => x / 2;");
        Assert.Equal(["learningRate"], Names(CodeCompletion.Complete(session, "learn", 5)));
        Assert.Contains("Halve", Names(CodeCompletion.Complete(session, "Hal", 3)));
        Assert.Contains("display", Names(CodeCompletion.Complete(session, "disp", 4)));
        Assert.Contains("foreach", Names(CodeCompletion.Complete(session, "forea", 5)));
    }

    [Fact]
    public async Task InTheMiddleOfAWord_ReplacesTheWholeWord_AndInsideAStringOffersNothing()
    {
        var session = await SessionWith();
        string code = "Math.Maxx(1, 2)";
        var list = CodeCompletion.Complete(session, code, "Math.Ma".Length);
        Assert.Equal((5, 9), (list.Start, list.End));
        Assert.Empty(CodeCompletion.Complete(session, "var s = \"Con", 12).Items);
    }
}
