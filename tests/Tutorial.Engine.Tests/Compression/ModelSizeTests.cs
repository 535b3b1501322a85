using Tutorial.Engine.Compression;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Compression;

public class ModelSizeTests
{
    [Fact]
    public void SparseBytes_IsABitmapPlusTheNonZeroValues()
    {
        Assert.Equal(2 + 3 * 4, ModelSize.SparseBytes(10, 3, 4));
        Assert.Equal(1 + 8, ModelSize.SparseBytes(8, 8, 1));
        Assert.Equal(0, ModelSize.SparseBytes(0, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSize.SparseBytes(4, 5, 4));
    }

    [Fact]
    public void SparseFloat32Bytes_CountsPrunedWeightMatricesSparsely_AndBiasesDensely()
    {
        var model = new Linear<double>(20, 10, new Rng(0));
        Assert.Equal(4 * 210, ModelSize.Float32Bytes(model));
        MagnitudePruning.Global(MagnitudePruning.Weights(model), 0.75);
        // 200 weights: a 25-byte bitmap and 50 kept values of 4 bytes; 10 biases of 4 bytes.
        Assert.Equal(25 + 200 + 40, ModelSize.SparseFloat32Bytes(model));
    }

    [Fact]
    public void Int8Tensor_SparseSize_CountsTheNonZeroIntegers()
    {
        var q = Int8Quantization.Quantize(Tensor<double>.FromDoubles([0, 1, 0, 0, 0, -1, 0, 0, 0.5, 0], 2, 5));
        Assert.Equal(3, q.NonZeroCount);
        Assert.Equal(2 + 3 + 4, q.SparseSizeInBytes);
        Assert.Equal(10 + 4, q.SizeInBytes);
    }
}
