using System.Diagnostics;
using System.Numerics;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Training;

/// <summary>
/// The mini-batch training loop, for any model, loss and optimizer, for classification and regression.
/// <code>
/// for epoch = 1 … E:
///     OnEpochStart(epoch − 1, optimizer)                  (learning-rate schedules)
///     for each batch (xB, yB) of a seeded permutation:   x: (N, …) -> xB: (B, …);  y: (N, …) -> yB: (B, …)
///         ŷ = model.Forward(xB);  L = loss(ŷ, yB)          (stop with TrainingDivergedException if L is NaN or ±∞)
///         zero the gradients;  model.Backward(∂L/∂ŷ);  optimizer.Step()
///         OnBatchEnd(progress)
///     evaluate on the validation data (evaluation mode), record the epoch, OnEpochEnd(record)
///     early stopping: keep the best weights, stop after `patience` epochs without improvement
/// </code>
/// The same seed, model initialisation and data give bitwise-identical weights.
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;

    /// <summary>Creates a trainer; <paramref name="options"/> defaults to <see cref="TrainerOptions{T}"/>'s defaults.</summary>
    public Trainer(Layer<T> model, Loss<T> loss, Optimizer<T> optimizer, TrainerOptions<T>? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions<T>();
        if (Options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Epochs must be at least 1, got {Options.Epochs}.");
        if (Options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be at least 1, got {Options.BatchSize}.");
        if (Options.EvaluationBatchSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"EvaluationBatchSize must be at least 1, got {Options.EvaluationBatchSize}.");
        Metrics = Options.Metrics ?? (loss is SoftmaxCrossEntropy<T> ? [TrainingMetric<T>.Accuracy()] : []);
        if (Metrics.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != Metrics.Count)
            throw new ArgumentException($"Two metrics share a name: {string.Join(", ", Metrics.Select(m => m.Name))}.", nameof(options));
        _rng = new Rng(Options.Seed);
    }

    public Layer<T> Model { get; }
    public Loss<T> Loss { get; }
    public Optimizer<T> Optimizer { get; }
    public TrainerOptions<T> Options { get; }

    /// <summary>The metrics tracked besides the loss.</summary>
    public IReadOnlyList<TrainingMetric<T>> Metrics { get; }

    /// <summary>
    /// Trains for <see cref="TrainerOptions{T}.Epochs"/> epochs (fewer with early stopping) and returns the history.
    /// <code>x: (N, …)  y: (N, …)  validationX: (M, …)  validationY: (M, …)</code>
    /// Calling Fit again continues from the current weights with the next shuffles of the same seeded sequence.
    /// </summary>
    public History Fit(Tensor<T> x, Tensor<T> y, Tensor<T>? validationX = null, Tensor<T>? validationY = null)
    {
        // The loop keeps no layer output or gradient past its step, so the layers may hand them out again (no
        // allocation per step); the caller's own Forward calls afterwards get new tensors as before.
        bool modelReused = Model.ReuseBuffers, lossReused = Loss.ReuseBuffers;
        Model.ReuseBuffers = true;
        Loss.ReuseBuffers = true;
        try
        {
            return FitLoop(x, y, validationX, validationY);
        }
        finally
        {
            Model.ReuseBuffers = modelReused;
            Loss.ReuseBuffers = lossReused;
        }
    }

    private History FitLoop(Tensor<T> x, Tensor<T> y, Tensor<T>? validationX, Tensor<T>? validationY)
    {
        CheckData(x, y, "training");
        if (validationX is null != validationY is null)
            throw new ArgumentException("Pass both validationX and validationY, or neither.");
        bool hasValidation = validationX is not null;
        if (hasValidation) CheckData(validationX!, validationY!, "validation");

        var stopping = Options.EarlyStopping;
        bool higherIsBetter = false;
        if (stopping is not null) higherIsBetter = CheckEarlyStopping(stopping, hasValidation);

        int n = x.Shape[0];
        int batchSize = Math.Min(Options.BatchSize, n);
        int batches = Batches.Count(n, batchSize);
        var history = new History();
        var clock = Stopwatch.StartNew();
        int step = 0;

        double best = higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        IReadOnlyList<NamedTensor<T>>? bestState = null;

        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            Options.OnEpochStart?.Invoke(epoch - 1, Optimizer);
            double learningRate = Optimizer.LearningRate;
            Model.Training = true;
            int[] order = Options.Shuffle ? _rng.Permutation(n) : Enumerable.Range(0, n).ToArray();

            double lossSum = 0;
            int seen = 0;
            var sums = new double[Metrics.Count];
            var counts = new int[Metrics.Count];
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, count = Math.Min(batchSize, n - start);
                var rows = order.AsSpan(start, count);
                var xB = Batches.Gather(x, rows);
                var yB = Batches.Gather(y, rows);

                var prediction = Model.Forward(xB);
                double batchLoss = double.CreateChecked(Loss.Forward(prediction, yB));
                if (!double.IsFinite(batchLoss))
                    throw new TrainingDivergedException(epoch, b + 1, batches, step + 1, batchLoss, Optimizer.LearningRate);
                Model.ZeroGrad();
                Optimizer.ZeroGrad();
                Model.BackwardParameters(Loss.Backward());   // the data needs no gradient
                Optimizer.Step();
                step++;

                lossSum += batchLoss * count;
                seen += count;
                for (int m = 0; m < Metrics.Count; m++)
                {
                    var (s, c) = Metrics[m].Measure(prediction, yB);
                    sums[m] += s;
                    counts[m] += c;
                }
                if (Options.OnBatchEnd is { } onBatch)
                {
                    var running = MetricValues(sums, counts);
                    onBatch(new TrainingProgress(epoch, Options.Epochs, b + 1, batches, step, batchLoss, lossSum / seen,
                        running.TryGetValue("accuracy", out var acc) ? acc : null, running, clock.Elapsed));
                }
            }

            Evaluation? validation = hasValidation ? Evaluate(validationX!, validationY!) : null;
            var record = new EpochRecord(epoch, lossSum / seen, MetricValues(sums, counts),
                validation?.Loss, validation?.Metrics ?? new Dictionary<string, double>(), learningRate, batches, clock.Elapsed);
            history.Add(record);
            Options.OnEpochEnd?.Invoke(record);

            if (stopping is not null)
            {
                double value = record.Get(stopping.Monitor)!.Value;
                bool improved = higherIsBetter ? value > best + stopping.MinDelta : value < best - stopping.MinDelta;
                if (improved)
                {
                    best = value;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (stopping.RestoreBestWeights) bestState = ModelState.Capture(Model);
                }
                else if (++sinceBest >= stopping.Patience)
                {
                    history.StoppedEarly = epoch < Options.Epochs;
                    break;
                }
            }
        }

        if (stopping is not null)
        {
            history.BestEpoch = bestEpoch == 0 ? null : bestEpoch;
            if (bestState is not null && bestEpoch != history.Last.Epoch)
            {
                ModelState.Restore(Model, bestState);
                history.RestoredBestWeights = true;
            }
        }
        Model.Training = true;
        return history;
    }

    /// <summary>Mean loss and metrics of the model on (x, y), in evaluation mode, without changing any weights.</summary>
    public Evaluation Evaluate(Tensor<T> x, Tensor<T> y)
    {
        CheckData(x, y, "evaluation");
        int n = x.Shape[0];
        int batchSize = Math.Min(Options.EvaluationBatchSize ?? Options.BatchSize, n);
        bool wasTraining = Model.Training;
        Model.Training = false;
        try
        {
            double lossSum = 0;
            var sums = new double[Metrics.Count];
            var counts = new int[Metrics.Count];
            for (int start = 0; start < n; start += batchSize)
            {
                int count = Math.Min(batchSize, n - start);
                var xB = x.SliceRows(start, count);
                var yB = y.SliceRows(start, count);
                var prediction = Model.Forward(xB);
                lossSum += double.CreateChecked(Loss.Forward(prediction, yB)) * count;
                for (int m = 0; m < Metrics.Count; m++)
                {
                    var (s, c) = Metrics[m].Measure(prediction, yB);
                    sums[m] += s;
                    counts[m] += c;
                }
            }
            return new Evaluation(lossSum / n, MetricValues(sums, counts), n);
        }
        finally
        {
            Model.Training = wasTraining;
        }
    }

    /// <summary>The model's outputs for every sample of <paramref name="x"/>, in evaluation mode. <c>x: (N, …) -> (N, …out)</c></summary>
    public Tensor<T> Predict(Tensor<T> x) => Predict(Model, x, Options.EvaluationBatchSize ?? Options.BatchSize);

    /// <summary>The outputs of <paramref name="model"/> for every sample, in evaluation mode, computed <paramref name="batchSize"/> rows at a time.</summary>
    public static Tensor<T> Predict(Layer<T> model, Tensor<T> x, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0 || x.Shape[0] == 0) throw new ArgumentException($"Predict needs at least one sample, got x of shape {x.Shape}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
        int n = x.Shape[0];
        bool wasTraining = model.Training;
        model.Training = false;
        try
        {
            var parts = new List<Tensor<T>>();
            for (int start = 0; start < n; start += batchSize)
                parts.Add(model.Forward(x.SliceRows(start, Math.Min(batchSize, n - start))).Clone());
            return parts.Count == 1 ? parts[0] : Batches.Concatenate(parts);
        }
        finally
        {
            model.Training = wasTraining;
        }
    }

    private Dictionary<string, double> MetricValues(double[] sums, int[] counts)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int m = 0; m < Metrics.Count; m++) values[Metrics[m].Name] = counts[m] == 0 ? double.NaN : sums[m] / counts[m];
        return values;
    }

    private static void CheckData(Tensor<T> x, Tensor<T> y, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0)
            throw new ShapeMismatchException($"The {what} data needs a sample dimension: x has shape {x.Shape}, y has shape {y.Shape}.");
        if (x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException($"The {what} data has {x.Shape[0]} inputs (x: {x.Shape}) but {y.Shape[0]} targets (y: {y.Shape}).");
        if (x.Shape[0] == 0) throw new ArgumentException($"The {what} data is empty (x: {x.Shape}).");
    }

    /// <summary>Validates the monitored key and returns whether higher values are better.</summary>
    private bool CheckEarlyStopping(EarlyStopping stopping, bool hasValidation)
    {
        if (stopping.Patience < 1) throw new ArgumentOutOfRangeException(nameof(stopping), $"EarlyStopping.Patience must be at least 1, got {stopping.Patience}.");
        if (!(stopping.MinDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(stopping), $"EarlyStopping.MinDelta must be zero or positive, got {stopping.MinDelta}.");
        string key = stopping.Monitor ?? "";
        bool isValidation = key.StartsWith("val_", StringComparison.Ordinal);
        if (isValidation && !hasValidation)
            throw new ArgumentException($"EarlyStopping monitors '{key}', but Fit got no validation data; pass validation data or monitor '{key[4..]}'.");
        string baseKey = isValidation ? key[4..] : key;
        if (baseKey == "loss") return stopping.HigherIsBetter ?? false;
        var metric = Metrics.FirstOrDefault(m => m.Name == baseKey)
            ?? throw new ArgumentException($"EarlyStopping monitors '{key}', which is not measured; choose loss, val_loss or one of: {string.Join(", ", Metrics.Select(m => m.Name))} (with or without val_).");
        return stopping.HigherIsBetter ?? metric.HigherIsBetter;
    }
}
