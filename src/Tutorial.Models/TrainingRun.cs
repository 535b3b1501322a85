using Tutorial.Engine.Layers;
using Tutorial.Engine.Training;

namespace Tutorial.Models;

/// <summary>What <see cref="ModelRecipe.Train"/> produced: the trained model, its history and its held-out evaluation.</summary>
/// <param name="Recipe">The recipe that was trained.</param>
/// <param name="Settings">The settings used.</param>
/// <param name="Model">The trained model (save it with <c>ModelFile.Save</c>; <see cref="ModelRecipe.Build"/> makes an empty one to load into).</param>
/// <param name="History">Loss and metrics per epoch, on the training and validation data.</param>
/// <param name="Evaluation">The evaluation on the held-out test data.</param>
/// <param name="TrainSamples">Number of training samples used.</param>
/// <param name="Elapsed">Wall-clock time of the training (data loading and evaluation excluded).</param>
public sealed record TrainingRun(
    ModelRecipe Recipe,
    TrainSettings Settings,
    Layer<float> Model,
    History History,
    ModelEvaluation Evaluation,
    int TrainSamples,
    TimeSpan Elapsed);
