using Tutorial.Data.Sampling;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Sampling;

public class SplitsTests
{
    [Fact]
    public void Random_PartsAreDisjointAndCoverEveryRow_WithRoundedSizes()
    {
        var s = Splits.Random(101, 0.15, 0.2, new Rng(9));
        Assert.Equal(20, s.Test.Length);        // round(20.2)
        Assert.Equal(15, s.Validation.Length);  // round(15.15)
        Assert.Equal(66, s.Train.Length);
        Assert.Equal(Enumerable.Range(0, 101), s.Train.Concat(s.Validation).Concat(s.Test).Order());
    }

    [Fact]
    public void Random_SameSeedSameSplit_OtherSeedOtherSplit()
    {
        var a = Splits.Random(60, 0.2, 0.2, new Rng(1));
        var b = Splits.Random(60, 0.2, 0.2, new Rng(1));
        var c = Splits.Random(60, 0.2, 0.2, new Rng(2));
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Validation, b.Validation);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Stratified_Iris_KeepsTenOfEachClassInTest()
    {
        var iris = Datasets.Iris<double>();
        var split = Splits.Split(iris, 0.1, 0.2, new Rng(4), stratified: true);
        Assert.Equal([10, 10, 10], split.Test.ClassCounts());
        Assert.Equal([5, 5, 5], split.Validation.ClassCounts());
        Assert.Equal([35, 35, 35], split.Train.ClassCounts());
        Assert.Equal("iris-test", split.Test.Name);
    }

    [Fact]
    public void Stratified_RowsKeepTheirLabels()
    {
        var iris = Datasets.Iris<double>();
        var s = Splits.Stratified(iris.Labels, 0, 0.3, new Rng(8));
        var test = iris.Subset(s.Test);
        for (int i = 0; i < s.Test.Length; i++)
        {
            Assert.Equal(iris.Labels[s.Test[i]], test.Labels[i]);
            Assert.Equal(iris.X.Row(s.Test[i]).ToArray(), test.X.Row(i).ToArray());
        }
        Assert.Equal(Enumerable.Range(0, 150), s.Train.Concat(s.Test).Order());
    }

    [Fact]
    public void Stratified_SameSeed_SameSplit()
    {
        var labels = Enumerable.Range(0, 90).Select(i => i % 3).ToArray();
        var a = Splits.Stratified(labels, 0.2, 0.2, new Rng(77));
        var b = Splits.Stratified(labels, 0.2, 0.2, new Rng(77));
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Test, b.Test);
    }

    [Fact]
    public void TrainTest_Digits_HasNoValidationAndRoundedSizes()
    {
        var digits = Datasets.Digits<float>();
        var (train, test) = Splits.TrainTest(digits, 0.25, new Rng(3));
        Assert.Equal(449, test.Count);  // round(1797 · 0.25) = round(449.25)
        Assert.Equal(1348, train.Count);
    }

    [Fact]
    public void Apply_TakesTheSameRowsFromAnyTensor()
    {
        var x = Tensor<float>.FromArray([0f, 1f, 2f, 3f, 4f], 5);
        var split = new SplitIndices([4, 0], [2], [3, 1]);
        var (train, validation, test) = Splits.Apply(x, split);
        Assert.Equal([4f, 0f], train.ToArray());
        Assert.Equal([2f], validation.ToArray());
        Assert.Equal([3f, 1f], test.ToArray());
    }

    [Fact]
    public void Fractions_LeavingNoTrainingRows_Fail()
    {
        var e = Assert.Throws<ArgumentException>(() => Splits.Random(10, 0.5, 0.5, new Rng(1)));
        Assert.Contains("add up to 1", e.Message);
    }
}
