using Tutorial.Data;
using Tutorial.Data.Sampling;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Models.Recipes;

/// <summary>
/// <c>cnn-mnist</c>: a LeNet-style convolutional network (<see cref="Architectures.LeNet{T}"/>) on the shipped
/// MNIST subset. The 8,000 training digits are split once, stratified: 7,200 for training and 800 for validation;
/// the 2,000 test digits (disjoint from the training digits) are held out for the final evaluation.
/// </summary>
public sealed class CnnMnist : ClassificationRecipe
{
    public override string Name => "cnn-mnist";
    public override string Description => "LeNet-style CNN (conv 6@5×5, pool, conv 16@5×5, pool, 120, 84, 10) on MNIST digits";
    public override string Dataset => "MNIST subset: 7,200 train / 800 validation (from the 8,000 training digits) / 2,000 test";
    public override TrainSettings Defaults => new() { Epochs = 5, BatchSize = 32, LearningRate = 0.002 };

    public override Layer<float> Build(ulong seed) => Architectures.LeNet<float>(new Rng(seed), 10);

    protected override ClassificationData LoadData()
    {
        var (train, validation) = Splits.TrainTest(Datasets.MnistTrain<float>(), 0.1, new Rng(SplitSeed), stratified: true);
        return new ClassificationData(train, validation, Datasets.MnistTest<float>());
    }
}
