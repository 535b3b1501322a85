using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Models;

/// <summary>
/// A named, ready-to-train model on one of the shipped datasets: the architecture, how the data is read and
/// split, how it is trained, and how the result is judged on held-out data. <see cref="ModelZoo"/> lists them;
/// <c>tutorial train NAME</c> runs one; a notebook can call the same <see cref="Train"/>.
/// <para>Seeds: <see cref="TrainSettings.Seed"/> draws the weights, the training subset, the batch order and the
/// sampled text. The held-out data does not depend on it (each recipe splits with a fixed seed), so runs with
/// different seeds are judged on the same samples.</para>
/// </summary>
public abstract class ModelRecipe
{
    /// <summary>The name on the command line, e.g. <c>cnn-mnist</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what the model is and what it learns.</summary>
    public abstract string Description { get; }

    /// <summary>The dataset and its split, e.g. <c>MNIST (7,200 train, 800 validation, 2,000 test)</c>.</summary>
    public abstract string Dataset { get; }

    /// <summary>Classification, regression or text generation: decides the evaluation.</summary>
    public abstract ModelTask Task { get; }

    /// <summary>The settings of the full run (what <c>tutorial train</c> uses by default).</summary>
    public abstract TrainSettings Defaults { get; }

    /// <summary>An untrained model with weights drawn from <paramref name="seed"/>: the architecture to train, or to load a saved model file into.</summary>
    public abstract Layer<float> Build(ulong seed);

    /// <summary>
    /// Trains a new model with <paramref name="settings"/> and evaluates it on the held-out data.
    /// <paramref name="onBatch"/> and <paramref name="onEpoch"/> report progress (e.g. a progress bar).
    /// </summary>
    public abstract TrainingRun Train(TrainSettings settings, Action<TrainingProgress>? onBatch = null, Action<EpochRecord>? onEpoch = null);

    /// <summary>
    /// Evaluates a model of this recipe's architecture (e.g. one loaded from a model file) on the held-out data.
    /// <paramref name="seed"/> matters only for sampled text.
    /// </summary>
    public abstract ModelEvaluation Evaluate(Layer<float> model, ulong seed = 1);

    /// <summary>The settings with <see cref="Defaults"/> filled in where <paramref name="epochs"/> etc. are null.</summary>
    public TrainSettings Settings(int? epochs = null, int? batchSize = null, double? learningRate = null, ulong? seed = null, int? trainSamples = null) =>
        Defaults with
        {
            Epochs = epochs ?? Defaults.Epochs,
            BatchSize = batchSize ?? Defaults.BatchSize,
            LearningRate = learningRate ?? Defaults.LearningRate,
            Seed = seed ?? Defaults.Seed,
            TrainSamples = trainSamples ?? Defaults.TrainSamples,
        };

    public override string ToString() => Name;

    /// <summary>Rows <c>0 … n−1</c> of a seeded permutation of <paramref name="count"/> rows: the training subset when <see cref="TrainSettings.TrainSamples"/> is set.</summary>
    protected static int[] SubsetIndices(int count, int? limit, ulong seed)
    {
        int n = Math.Min(count, limit ?? count);
        var order = new Rng(seed ^ 0x7375_6273_6574UL).Permutation(count); // "subset"
        return order[..n];
    }
}
