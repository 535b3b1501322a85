using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Tensors;

public class Pair2DTests
{
    [Fact]
    public void Pair2D_FromOneInt_IsSquare_AndFromATuple_KeepsHeightThenWidth()
    {
        Pair2D square = 5, rect = (3, 7);
        Assert.Equal(new Pair2D(5, 5), square);
        Assert.True(square.IsSquare);
        Assert.Equal(3, rect.H);
        Assert.Equal(7, rect.W);
        Assert.False(rect.IsSquare);
        Assert.Equal("5", square.ToString());
        Assert.Equal("(3, 7)", rect.ToString());
        Pair2D? optional = 2;
        Assert.Equal(new Pair2D(2, 2), optional);
    }
}
