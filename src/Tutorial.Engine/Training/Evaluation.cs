namespace Tutorial.Engine.Training;

/// <summary>The mean loss and metrics of a model on a data set, measured in evaluation mode.</summary>
/// <param name="Loss">Mean loss over the samples.</param>
/// <param name="Metrics">Each tracked metric over the samples, by name.</param>
/// <param name="Samples">Number of samples.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics, int Samples)
{
    /// <summary>The accuracy, or null when accuracy was not tracked.</summary>
    public double? Accuracy => Metrics.TryGetValue("accuracy", out var a) ? a : null;
}
