using Tutorial.Data.Preprocessing;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Preprocessing;

public class MinMaxScalerTests
{
    [Fact]
    public void Transform_Iris_SpansZeroToOnePerFeature()
    {
        var iris = Datasets.Iris<double>();
        var m = MinMaxScaler<double>.Fit(iris.X);
        Assert.Equal([4.3, 2.0, 1.0, 0.1], m.Min.ToArray());
        Assert.Equal([7.9, 4.4, 6.9, 2.5], m.Max.ToArray());
        var z = m.Transform(iris.X);
        for (int j = 0; j < 4; j++)
        {
            var col = Enumerable.Range(0, 150).Select(i => z[i, j]).ToArray();
            Assert.Equal(0.0, col.Min(), 1e-15);
            Assert.Equal(1.0, col.Max(), 1e-15);
        }
        Assert.Equal((5.1 - 4.3) / (7.9 - 4.3), z[0, 0], 1e-15);
    }

    [Fact]
    public void Transform_CustomRange_OtherDataIsNotClipped()
    {
        var m = MinMaxScaler<double>.Fit(Tensor<double>.FromArray([0.0, 10.0], 2), low: -1, high: 1);
        Assert.Equal([-1.0, 0.0, 1.0, 3.0], m.Transform(Tensor<double>.FromArray([0.0, 5.0, 10.0, 20.0], 4)).ToArray());
        Assert.Equal([20.0], m.InverseTransform(Tensor<double>.FromArray([3.0], 1)).ToArray());
    }

    [Fact]
    public void ConstantFeature_MapsToLow()
    {
        var m = MinMaxScaler<float>.Fit(Tensor<float>.FromArray([2f, 2f, 2f], 3));
        Assert.Equal([0f, 0f], m.Transform(Tensor<float>.FromArray([2f, 9f], 2)).ToArray());
    }

    [Fact]
    public void Fit_LowNotBelowHigh_Fails() =>
        Assert.Throws<ArgumentException>(() => MinMaxScaler<float>.Fit(new Tensor<float>(2, 2), low: 1, high: 1));
}
