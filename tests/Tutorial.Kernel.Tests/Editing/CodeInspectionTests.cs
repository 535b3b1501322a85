using Tutorial.Kernel.Editing;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Kernel.Tests.Editing;

public class CodeInspectionTests
{
    private sealed class NoOutput : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Display(MimeBundle data, string displayId) { }
        public void UpdateDisplay(MimeBundle data, string displayId) { }
    }

    [Fact]
    public void AFrameworkMethod_ShowsItsSignatureAndTheDocsOfTheReferencePack()
    {
        var session = new ScriptSession();
        string code = "System.Math.Max(1, 2)";
        string? text = CodeInspection.Inspect(session, code, "System.Math.Ma".Length);
        Assert.NotNull(text);
        Assert.StartsWith("static int System.Math.Max(int val1, int val2)", text);
        Assert.Contains("Returns the larger of two 32-bit signed integers.", text);
        Assert.Contains("val1: The first of two 32-bit signed integers to compare.", text);
    }

    [Fact]
    public void InsideAnArgumentList_ShowsTheCalledMethod()
    {
        var session = new ScriptSession();
        string code = "Math.Sqrt(2.0 + ";
        string? text = CodeInspection.Inspect(session, code, code.Length);
        Assert.NotNull(text);
        Assert.StartsWith("static double System.Math.Sqrt(double d)", text);
    }

    [Fact]
    public async Task ASessionVariable_ShowsItsTypeAndCurrentValue()
    {
        var session = new ScriptSession();
        Assert.True((await session.SubmitAsync("var epochs = 12;", new NoOutput())).Succeeded);
        string? text = CodeInspection.Inspect(session, "epochs * 2", 3);
        Assert.Equal("(variable) int epochs\nvalue: 12", text?.Replace("\r\n", "\n"));
    }

    [Fact]
    public void AKitType_ShowsItsOwnDocComment()
    {
        var session = new ScriptSession();
        string code = "Tutorial.Engine.Tensors.Rng";
        string? text = CodeInspection.Inspect(session, code, code.Length);
        Assert.NotNull(text);
        Assert.StartsWith("class Tutorial.Engine.Tensors.Rng", text.Replace("sealed ", ""));
        Assert.Contains("xoshiro256", text);
    }

    [Fact]
    public void NothingAtTheCursor_IsNotFound()
    {
        Assert.Null(CodeInspection.Inspect(new ScriptSession(), "   ", 1));
    }
}
