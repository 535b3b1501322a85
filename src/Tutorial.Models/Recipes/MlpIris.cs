using Tutorial.Data;
using Tutorial.Data.Preprocessing;
using Tutorial.Data.Sampling;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Models.Recipes;

/// <summary>
/// <c>mlp-iris</c>: a small perceptron on Fisher's iris flowers.
/// <code>x: (N, 4) standardised measurements -> Linear(4, 16) ReLU Linear(16, 3) -> logits (N, 3)</code>
/// The 150 flowers are split once, stratified: 70 % training, 10 % validation, 20 % test. The measurements are
/// standardised with the mean and standard deviation of the training part only.
/// </summary>
public sealed class MlpIris : ClassificationRecipe
{
    public override string Name => "mlp-iris";
    public override string Description => "Perceptron 4-16-3 on Fisher's iris measurements (standardised)";
    public override string Dataset => "Iris: 150 flowers, stratified 70 % train / 10 % validation / 20 % test";
    public override TrainSettings Defaults => new() { Epochs = 100, BatchSize = 16, LearningRate = 0.01 };

    public override Layer<float> Build(ulong seed) => Architectures.Mlp<float>(new Rng(seed), 4, 16, 3);

    protected override ClassificationData LoadData()
    {
        var split = Splits.Split(Datasets.Iris<float>(), validationFraction: 0.1, testFraction: 0.2, new Rng(SplitSeed), stratified: true);
        var scaler = Standardizer<float>.Fit(split.Train.X);
        return new ClassificationData(split.Train.WithX(scaler.Transform(split.Train.X)), split.Validation.WithX(scaler.Transform(split.Validation.X)),
            split.Test.WithX(scaler.Transform(split.Test.X)));
    }
}
