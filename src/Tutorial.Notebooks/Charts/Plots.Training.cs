using Plotly.NET;
using Tutorial.Engine.Training;

namespace Tutorial.Notebooks.Charts;

public static partial class Plots
{
    /// <summary>
    /// The loss (and validation loss) per epoch of a finished training run, and its metrics such as accuracy
    /// in a second panel. For curves that grow while training runs, use <see cref="TrainingChart"/>.
    /// </summary>
    public static GenericChart Training(History history, string? title = null) => TrainingChart.From(history, title).ToChart();
}
