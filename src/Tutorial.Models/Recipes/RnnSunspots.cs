using System.Diagnostics;
using System.Globalization;
using Tutorial.Data;
using Tutorial.Data.Series;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Models.Recipes;

/// <summary>
/// <c>rnn-sunspots</c>: a recurrent forecaster (<see cref="Architectures.SeriesLstm{T}"/>, LSTM with 32 hidden units)
/// of the yearly mean sunspot number, one year ahead from the previous <see cref="Window"/> years.
/// <para>The split is by time, never shuffled, so no future value leaks into training: targets up to
/// <see cref="ValidationStart"/>−1 train, targets from <see cref="ValidationStart"/> to <see cref="TestStart"/>−1
/// validate, and targets from <see cref="TestStart"/> to 2008 are held out. Values are standardised with the
/// mean and standard deviation of the training years only; predictions are turned back into sunspot numbers
/// before they are scored.</para>
/// <para>The baseline is persistence: next year's value is this year's value. It is hard to beat on a smooth
/// series; a model that beats it has learned something about the 11-year cycle.</para>
/// </summary>
public sealed class RnnSunspots : ModelRecipe
{
    /// <summary>Years of history the model sees, T.</summary>
    public const int Window = 24;

    /// <summary>The first validation year.</summary>
    public const int ValidationStart = 1925;

    /// <summary>The first held-out (test) year.</summary>
    public const int TestStart = 1950;

    private readonly Lazy<SeriesData> _data = new(LoadData);

    public override string Name => "rnn-sunspots";
    public override string Description => "LSTM (hidden 32) forecasting next year's sunspot number from the last 24 years";
    public override string Dataset => $"Yearly sunspots 1700–2008: targets before {ValidationStart} train, {ValidationStart}–{TestStart - 1} validate, {TestStart}–2008 held out";
    public override ModelTask Task => ModelTask.Regression;
    public override TrainSettings Defaults => new() { Epochs = 60, BatchSize = 16, LearningRate = 0.005 };

    /// <summary>The windows of every part and the scaling (read once per recipe instance).</summary>
    public SeriesData Data => _data.Value;

    public override Layer<float> Build(ulong seed) => Architectures.SeriesLstm<float>(new Rng(seed), 32);

    public override TrainingRun Train(TrainSettings settings, Action<TrainingProgress>? onBatch = null, Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var data = Data;
        var (x, y) = (data.TrainX, data.TrainY);
        if (settings.TrainSamples is not null)
        {
            var rows = SubsetIndices(x.N, settings.TrainSamples, settings.Seed);
            (x, y) = (Batches.Gather(x, rows), Batches.Gather(y, rows));
        }
        var model = Build(settings.Seed);
        var trainer = new Trainer<float>(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, settings.LearningRate),
            new TrainerOptions<float>
            {
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                Seed = settings.Seed,
                Metrics = [TrainingMetric<float>.MeanAbsoluteError()],
                OnBatchEnd = onBatch,
                OnEpochEnd = onEpoch,
            });
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(x, y, data.ValidationX, data.ValidationY);
        var elapsed = clock.Elapsed;
        return new TrainingRun(this, settings, model, history, Evaluate(model), x.N, elapsed);
    }

    public override ModelEvaluation Evaluate(Layer<float> model, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = Data;
        var scaled = Trainer<float>.Predict(model, data.TestX, 256);
        var predicted = new double[scaled.Length];
        for (int i = 0; i < predicted.Length; i++) predicted[i] = data.Unscale(scaled[i]);
        var summary = new RegressionSummary(data.TestActual.Length,
            string.Create(CultureInfo.InvariantCulture, $"years {data.TestYears[0]}–{data.TestYears[^1]}"),
            RegressionScores.Of(predicted, data.TestActual), "persistence (next year = this year)",
            RegressionScores.Of(data.TestPersistence, data.TestActual), predicted, data.TestActual);
        return new ModelEvaluation(Regression: summary);
    }

    private static SeriesData LoadData()
    {
        var series = Datasets.Sunspots();
        var values = series.Values;
        var years = series.Times.Select(t => (int)t).ToArray();
        // Windows: x = v[i … i+T−1], target v[i+T] in year years[i+T].
        int trainEnd = Array.FindIndex(years, yr => yr >= ValidationStart);
        int testStart = Array.FindIndex(years, yr => yr >= TestStart);
        if (trainEnd <= Window || testStart <= trainEnd) throw new InvalidOperationException($"{series} is too short for the sunspot split.");
        // Standardise with the training years only (every value a training window or target touches).
        double mean = 0, variance = 0;
        for (int i = 0; i < trainEnd; i++) mean += values[i];
        mean /= trainEnd;
        for (int i = 0; i < trainEnd; i++) variance += (values[i] - mean) * (values[i] - mean);
        double std = Math.Sqrt(variance / trainEnd);
        var scaled = Tensor<float>.FromDoubles(values.Select(v => (v - mean) / std).ToArray(), values.Count);
        var (x, y) = TimeSeries.Windows(scaled, Window);   // window i has its target at index i + Window
        int TargetIndexToWindow(int targetIndex) => targetIndex - Window;
        int trainWindows = TargetIndexToWindow(trainEnd);
        int validationWindows = testStart - trainEnd;
        int testWindows = x.N - TargetIndexToWindow(testStart);
        var testActual = new double[testWindows];
        var testPersistence = new double[testWindows];
        var testYears = new int[testWindows];
        for (int i = 0; i < testWindows; i++)
        {
            testActual[i] = values[testStart + i];
            testPersistence[i] = values[testStart + i - 1];
            testYears[i] = years[testStart + i];
        }
        return new SeriesData(
            x.SliceRows(0, trainWindows).Clone(), y.SliceRows(0, trainWindows).Clone(),
            x.SliceRows(trainWindows, validationWindows).Clone(), y.SliceRows(trainWindows, validationWindows).Clone(),
            x.SliceRows(TargetIndexToWindow(testStart), testWindows).Clone(),
            testActual, testPersistence, testYears, mean, std);
    }
}

/// <summary>The sunspot windows of <see cref="RnnSunspots"/>: standardised inputs (N, T, 1) and targets (N, 1).</summary>
/// <param name="TrainX">Training windows.</param>
/// <param name="TrainY">Their standardised targets.</param>
/// <param name="ValidationX">Validation windows.</param>
/// <param name="ValidationY">Their standardised targets.</param>
/// <param name="TestX">Held-out windows.</param>
/// <param name="TestActual">The held-out targets in sunspot numbers.</param>
/// <param name="TestPersistence">The baseline's predictions: the value of the year before each target.</param>
/// <param name="TestYears">The year of each held-out target.</param>
/// <param name="Mean">Mean of the training years.</param>
/// <param name="Std">Standard deviation of the training years.</param>
public sealed record SeriesData(
    Tensor<float> TrainX, Tensor<float> TrainY,
    Tensor<float> ValidationX, Tensor<float> ValidationY,
    Tensor<float> TestX, double[] TestActual, double[] TestPersistence, int[] TestYears,
    double Mean, double Std)
{
    /// <summary>A standardised value back in sunspot numbers: z·σ + μ.</summary>
    public double Unscale(double z) => z * Std + Mean;
}
