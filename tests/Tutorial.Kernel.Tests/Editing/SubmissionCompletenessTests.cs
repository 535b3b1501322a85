using Tutorial.Kernel.Editing;

namespace Tutorial.Kernel.Tests.Editing;

public class SubmissionCompletenessTests
{
    [Theory]
    [InlineData("var x = 1;", "complete", "")]
    [InlineData("x + 1", "complete", "")]
    [InlineData("#r \"nuget: Plotly.NET, 6.0.0\"\nvar y = 2;", "complete", "")]
    [InlineData("", "complete", "")]
    [InlineData("for (int i = 0; i < 3; i++) {", "incomplete", "    ")]
    [InlineData("class A { void F() {", "incomplete", "        ")]
    [InlineData("var s = \"unterminated", "incomplete", "")]
    [InlineData("var x = 1 +* ;", "invalid", "")]
    public void Check_TellsCompleteIncompleteAndInvalid(string code, string status, string indent)
    {
        Assert.Equal((status, indent), SubmissionCompleteness.Check(code));
    }
}
