using Microsoft.CodeAnalysis;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Notebooks.Tests.Execution;

public class ScriptSessionEditingTests
{
    private sealed class NoOutput : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Display(MimeBundle data, string displayId) { }
        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }

    [Fact]
    public void BlankDirectives_KeepsPositions_AndOnlyTouchesDirectiveLines()
    {
        string code = "#r \"nuget: X, 1.0\"\n  #!time\nvar r = 1; // #r inside a comment stays\n#i \"nuget: /src\"";
        string blanked = ScriptSession.BlankDirectives(code);
        Assert.Equal(code.Length, blanked.Length);
        Assert.Equal(new string(' ', 18) + "\n" + new string(' ', 8) + "\nvar r = 1; // #r inside a comment stays\n" + new string(' ', 16), blanked);
    }

    [Fact]
    public async Task CompileForEditing_SeesEarlierCells_WithoutRunningTheCode()
    {
        var session = new ScriptSession();
        Assert.True((await session.SubmitAsync("var rate = 0.5;", new NoOutput())).Succeeded);
        var compilation = session.CompileForEditing("#!time\nthrow new Exception(rate.ToString());");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(1, session.SubmissionCount);
        Assert.True(session.TryGetVariable("rate", out var value, out var type));
        Assert.Equal(0.5, value);
        Assert.Equal(typeof(double), type);
        Assert.False(session.TryGetVariable("nothing", out _, out _));
    }
}
