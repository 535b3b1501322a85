using Tutorial.Data;
using Tutorial.Data.Sampling;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Models.Recipes;

/// <summary>
/// <c>mlp-digits</c>: a multilayer perceptron on scikit-learn's 8×8 handwritten digits.
/// <code>x: (N, 64) pixels in [0, 1] -> Linear(64, 128) ReLU Linear(128, 64) ReLU Linear(64, 10) -> logits (N, 10)</code>
/// The 1,797 digits are split once, stratified by class: 70 % training, 10 % validation, 20 % test.
/// </summary>
public sealed class MlpDigits : ClassificationRecipe
{
    public override string Name => "mlp-digits";
    public override string Description => "Multilayer perceptron 64-128-64-10 on the 8×8 handwritten digits";
    public override string Dataset => "sklearn 8×8 digits: 1,797 images, stratified 70 % train / 10 % validation / 20 % test";
    public override TrainSettings Defaults => new() { Epochs = 30, BatchSize = 32, LearningRate = 0.002 };

    public override Layer<float> Build(ulong seed) => Architectures.Mlp<float>(new Rng(seed), 64, 128, 64, 10);

    protected override ClassificationData LoadData()
    {
        var split = Splits.Split(Datasets.Digits<float>(), validationFraction: 0.1, testFraction: 0.2, new Rng(SplitSeed), stratified: true);
        return new ClassificationData(split.Train, split.Validation, split.Test);
    }
}
