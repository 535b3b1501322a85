using Tutorial.Kernel.Editing;

namespace Tutorial.Kernel.Tests.Editing;

public class CodePointsTests
{
    [Fact]
    public void ACharacterOutsideTheBmp_IsOneCodePointButTwoUtf16Units()
    {
        string text = "var s = \"😀\"; Math.Ma";
        int cursorCodePoints = text.Length - 1; // the emoji counts once
        int index = CodePoints.ToUtf16Index(text, cursorCodePoints);
        Assert.Equal(text.Length, index);
        Assert.Equal(cursorCodePoints, CodePoints.ToCodePoint(text, index));
        Assert.Equal(9, CodePoints.ToUtf16Index(text, 9));
        Assert.Equal(11, CodePoints.ToUtf16Index(text, 10));
    }

    [Fact]
    public void PositionsBeyondTheText_AreClamped()
    {
        Assert.Equal(3, CodePoints.ToUtf16Index("abc", 10));
        Assert.Equal(3, CodePoints.ToCodePoint("abc", 10));
        Assert.Equal(0, CodePoints.ToCodePoint("abc", -1));
    }
}
