using Tutorial.Data.Preprocessing;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Preprocessing;

public class OneHotTests
{
    [Fact]
    public void Encode_PutsASingleOneAtEachLabel()
    {
        var y = OneHot.Encode<float>([2, 0, 1, 2], 3);
        Assert.Equal([4, 3], y.Shape.Dims);
        Assert.Equal([0f, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1], y.ToArray());
    }

    [Fact]
    public void Encode_FromClassIndexTensor_MatchesIntLabels()
    {
        var t = Tensor<double>.FromArray([1.0, 3.0], 2);
        Assert.True(OneHot.Encode<double>([1, 3], 4).ValueEquals(OneHot.Encode(t, 4)));
    }

    [Fact]
    public void Decode_IsTheInverseOfEncode_OnMnistLabels()
    {
        var test = Datasets.MnistTest<float>(ImageLayout.Flat);
        var oneHot = test.OneHotY();
        Assert.Equal([2000, 10], oneHot.Shape.Dims);
        Assert.Equal(2000f, oneHot.ToArray().Sum());
        Assert.Equal(1f, oneHot[0, 7]);
        Assert.Equal(test.LabelArray(), OneHot.Decode(oneHot));
    }

    [Fact]
    public void Decode_Scores_TakesTheArgMax_FirstOnTies()
    {
        var scores = Tensor<float>.FromMatrix(new double[,] { { 0.1, 0.7, 0.2 }, { 5, 5, -1 } });
        Assert.Equal([1, 0], OneHot.Decode(scores));
    }

    [Fact]
    public void Encode_LabelOutOfRange_NamesSampleAndRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode<float>([0, 3], 3));
        Assert.Contains("Label 3 of sample 1 is not a class index in 0 … 2", e.Message);
    }
}
