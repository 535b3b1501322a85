using Tutorial.Engine.Compression;
using Tutorial.Engine.Data;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Engine.Tests.Compression;

/// <summary>A trained classifier still classifies after pruning, after int8 quantisation, and after both.</summary>
public class CompressedModelTests
{
    private static (Sequential<float> Model, Tensor<float> X, Tensor<float> Y, double Accuracy) TrainSpiral()
    {
        var (x, y) = ToyDatasets.Spiral<float>(pointsPerClass: 100, classes: 3, noise: 0.2, seed: 0);
        var rng = new Rng(3);
        var model = new Sequential<float>(new Linear<float>(2, 64, rng), new ReLU<float>(), new Linear<float>(64, 64, rng), new ReLU<float>(),
            new Linear<float>(64, 3, rng));
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 0.01),
            new TrainerOptions<float> { Epochs = 60, BatchSize = 32, Seed = 1 });
        trainer.Fit(x, y);
        return (model, x, y, Accuracy(model, x, y));
    }

    private static double Accuracy(Layer<float> model, Tensor<float> x, Tensor<float> y) =>
        ClassificationMetrics.Accuracy(Trainer<float>.Predict(model, x), y);

    [Fact]
    public void PrunedAndQuantisedClassifier_StillEvaluates_CloseToTheDenseOne()
    {
        var (model, x, y, dense) = TrainSpiral();
        Assert.True(dense > 0.95, $"the dense spiral classifier should fit, got {dense}");
        var state = ModelState.Capture(model);

        MagnitudePruning.Global(MagnitudePruning.Weights(model), 0.5);
        double pruned = Accuracy(model, x, y);
        Assert.True(pruned > dense - 0.05, $"50% sparsity: {pruned} vs dense {dense}");

        var int8 = Int8Quantization.QuantizeWeights(model, QuantizationGranularity.PerRow);
        int8.LoadInto(model);
        double both = Accuracy(model, x, y);
        Assert.True(both > pruned - 0.02, $"int8 after pruning: {both} vs pruned {pruned}");
        Assert.Equal(0.5, MagnitudePruning.Sparsity(MagnitudePruning.Weights(model)), 0.01);   // zeros stay zero (plus a few rounded to 0)

        ModelState.Restore(model, state);
        Int8Quantization.QuantizeWeights(model).LoadInto(model);
        double quantised = Accuracy(model, x, y);
        Assert.True(Math.Abs(quantised - dense) <= 0.02, $"int8 per tensor: {quantised} vs dense {dense}");
    }
}
