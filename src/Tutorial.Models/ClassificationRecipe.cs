using System.Diagnostics;
using Tutorial.Data;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Metrics;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Training;

namespace Tutorial.Models;

/// <summary>
/// A classifier trained with Adam on softmax cross-entropy, validated after every epoch, and judged on a
/// held-out test set by accuracy, per-class precision, recall and F1, and the confusion matrix.
/// Subclasses say how the data is read and split and which architecture to build.
/// </summary>
public abstract class ClassificationRecipe : ModelRecipe
{
    private readonly Lazy<ClassificationData> _data;

    protected ClassificationRecipe() => _data = new Lazy<ClassificationData>(LoadData);

    /// <summary>The seed of every fixed data split (validation and test parts do not depend on the training seed).</summary>
    protected const ulong SplitSeed = 20_240_601;

    public override ModelTask Task => ModelTask.Classification;

    /// <summary>Training, validation and test data, read once per recipe instance and shared by its runs (never modified).</summary>
    public ClassificationData Data => _data.Value;

    /// <summary>Reads and splits the data (and scales it, where the recipe does).</summary>
    protected abstract ClassificationData LoadData();

    public override TrainingRun Train(TrainSettings settings, Action<TrainingProgress>? onBatch = null, Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var data = Data;
        var train = settings.TrainSamples is null ? data.Train : data.Train.Subset(SubsetIndices(data.Train.Count, settings.TrainSamples, settings.Seed));
        var model = Build(settings.Seed);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, settings.LearningRate),
            new TrainerOptions<float>
            {
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                Seed = settings.Seed,
                EvaluationBatchSize = 500,
                OnBatchEnd = onBatch,
                OnEpochEnd = onEpoch,
            });
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(train.X, train.Y, data.Validation.X, data.Validation.Y);
        var elapsed = clock.Elapsed;
        return new TrainingRun(this, settings, model, history, Evaluate(model), train.Count, elapsed);
    }

    public override ModelEvaluation Evaluate(Layer<float> model, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        var test = Data.Test;
        var logits = Trainer<float>.Predict(model, test.X, 500);
        double loss = new SoftmaxCrossEntropy<float>().Forward(logits, test.Y);
        var confusion = ConfusionMatrix.From(logits, test.Y, test.ClassNames);
        return new ModelEvaluation(Classification: new ClassificationSummary(test.Count, loss, confusion));
    }
}

/// <summary>The three parts of a classification dataset.</summary>
public sealed record ClassificationData(LabeledDataset<float> Train, LabeledDataset<float> Validation, LabeledDataset<float> Test);
