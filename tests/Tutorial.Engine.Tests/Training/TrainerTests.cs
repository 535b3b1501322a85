using Tutorial.Engine.Data;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;

namespace Tutorial.Engine.Tests.Training;

public class TrainerTests
{
    private static readonly double[,] Centres = { { -2, 0 }, { 2, 0 }, { 0, 2.5 } };

    private static (Tensor<double> X, Tensor<double> Y) Blobs(int perClass = 20, ulong seed = 1) =>
        ToyDatasets.Blobs<double>(Centres, perClass, 0.5, seed);

    private static Trainer<double> Classifier(TrainerOptions<double> options, ulong seed = 7, double lr = 0.1)
    {
        var model = TestModels.Mlp<double>(2, 8, 3, seed);
        return new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Sgd<double>(model.Parameters, lr), options);
    }

    [Fact]
    public void Fit_Classification_RecordsEveryEpoch_LossFalls_AndAccuracyIsTrackedByDefault()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double> { Epochs = 15, BatchSize = 10, Seed = 3 });
        var history = trainer.Fit(x, y);

        Assert.Equal(15, history.Epochs.Count);
        Assert.Equal(Enumerable.Range(1, 15), history.Epochs.Select(e => e.Epoch));
        Assert.All(history.Epochs, e => Assert.Equal(6, e.Steps)); // 60 samples / 10
        Assert.Equal(["accuracy"], trainer.Metrics.Select(m => m.Name));
        Assert.True(history.TrainLoss[^1] < 0.5 * history.TrainLoss[0], history.ToString());
        Assert.True(history["accuracy"][^1] >= 0.95, history.ToString());
        Assert.Null(history.Last.ValidationLoss);
        Assert.Empty(history.ValidationLoss);
        Assert.Equal(15 * 6, trainer.Optimizer.StepCount);
        Assert.True(trainer.Model.Training);
    }

    [Fact]
    public void Fit_SameSeed_GivesBitwiseIdenticalWeights_DifferentSeedDoesNot()
    {
        var (x, y) = Blobs();
        double[] Train(ulong shuffleSeed)
        {
            var trainer = Classifier(new TrainerOptions<double> { Epochs = 5, BatchSize = 8, Seed = shuffleSeed });
            trainer.Fit(x, y);
            return TestModels.Weights(trainer.Model);
        }
        var a = Train(11);
        var b = Train(11);
        var c = Train(12);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Fit_WithoutShuffle_VisitsSamplesInOrder_SoFullBatchEqualsPlainGradientDescent()
    {
        var (x, y) = Blobs(10);
        var trainer = Classifier(new TrainerOptions<double> { Epochs = 3, BatchSize = 1000, Shuffle = false });
        trainer.Fit(x, y);

        // The same three steps by hand.
        var model = TestModels.Mlp<double>(2, 8, 3, 7);
        var loss = new SoftmaxCrossEntropy<double>();
        var sgd = new Sgd<double>(model.Parameters, 0.1);
        for (int i = 0; i < 3; i++)
        {
            loss.Forward(model.Forward(x), y);
            model.ZeroGrad();
            model.Backward(loss.Backward());
            sgd.Step();
        }
        Assert.Equal(TestModels.Weights(model), TestModels.Weights(trainer.Model));
    }

    [Fact]
    public void OnBatchEnd_ReportsEveryBatch_WithRunningLossAndAccuracy()
    {
        var (x, y) = Blobs(); // 60 samples, batches of 25: 25, 25, 10
        var reports = new List<TrainingProgress>();
        var epochs = new List<EpochRecord>();
        var trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 2, BatchSize = 25, Seed = 5, OnBatchEnd = reports.Add, OnEpochEnd = epochs.Add,
        });
        var history = trainer.Fit(x, y);

        Assert.Equal(6, reports.Count);
        Assert.Equal([1, 2, 3, 1, 2, 3], reports.Select(r => r.Batch));
        Assert.Equal([1, 1, 1, 2, 2, 2], reports.Select(r => r.Epoch));
        Assert.Equal([1, 2, 3, 4, 5, 6], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(3, r.Batches));
        Assert.All(reports, r => Assert.NotNull(r.Accuracy));
        Assert.Equal(1.0, reports[^1].Fraction, 12);
        // The running loss is the sample-weighted mean of the batch losses so far.
        for (int e = 0; e < 2; e++)
        {
            var r = reports.Skip(3 * e).Take(3).ToArray();
            Assert.Equal(r[0].BatchLoss, r[0].Loss, 12);
            Assert.Equal((25 * r[0].BatchLoss + 25 * r[1].BatchLoss) / 50, r[1].Loss, 12);
            Assert.Equal((25 * r[0].BatchLoss + 25 * r[1].BatchLoss + 10 * r[2].BatchLoss) / 60, r[2].Loss, 12);
            Assert.Equal(r[2].Loss, history.Epochs[e].TrainLoss, 12);
            Assert.Equal(r[2].Accuracy!.Value, history.Epochs[e].TrainMetrics["accuracy"], 12);
        }
        Assert.Equal(history.Epochs, epochs);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Elapsed >= p.First.Elapsed));
        Assert.StartsWith("epoch 2/2  batch 3/3  loss ", reports[^1].ToString());
    }

    [Fact]
    public void Fit_WithValidation_RecordsValidationLossAndAccuracy_EqualToEvaluate()
    {
        var (x, y) = Blobs(20, 1);
        var (vx, vy) = Blobs(10, 2);
        var trainer = Classifier(new TrainerOptions<double> { Epochs = 4, BatchSize = 16, Seed = 1, EvaluationBatchSize = 7 });
        var history = trainer.Fit(x, y, vx, vy);

        Assert.Equal(4, history.ValidationLoss.Count);
        Assert.Equal(4, history["val_accuracy"].Count);
        var evaluation = trainer.Evaluate(vx, vy);
        Assert.Equal(30, evaluation.Samples);
        Assert.Equal(evaluation.Loss, history.Last.ValidationLoss!.Value, 12);
        Assert.Equal(evaluation.Accuracy!.Value, history.Last.ValidationMetrics["accuracy"], 12);
        Assert.Contains("val_loss", history.ToString());
    }

    [Fact]
    public void Evaluate_ComputesTheMeanLossOverAllSamples_AndChangesNothing()
    {
        var (x, y) = Blobs(20, 4);
        var trainer = Classifier(new TrainerOptions<double> { BatchSize = 7 });
        var before = TestModels.Weights(trainer.Model);
        var evaluation = trainer.Evaluate(x, y);

        var loss = new SoftmaxCrossEntropy<double>();
        double full = loss.Forward(trainer.Model.Forward(x), y);
        Assert.Equal(full, evaluation.Loss, 12);
        Assert.Equal(before, TestModels.Weights(trainer.Model));
        Assert.True(trainer.Model.Training);
        Assert.Equal(0, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void Predict_InBatches_EqualsOneForwardPass()
    {
        var (x, _) = Blobs(20, 4);
        var model = TestModels.Mlp<double>(2, 5, 3, 2);
        var whole = model.Forward(x).Clone();
        var batched = Trainer<double>.Predict(model, x, batchSize: 7);
        Assert.Equal(whole.Shape, batched.Shape);
        Assert.Equal(whole.ToArray(), batched.ToArray());
    }

    [Fact]
    public void OnEpochStart_ReceivesZeroBasedEpochs_AndItsLearningRateIsUsedAndRecorded()
    {
        var (x, y) = Blobs();
        var seen = new List<int>();
        var trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 4, BatchSize = 60,
            OnEpochStart = (epoch, optimizer) => { seen.Add(epoch); optimizer.LearningRate = 0.2 * Math.Pow(0.5, epoch); },
        });
        var history = trainer.Fit(x, y);
        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal([0.2, 0.1, 0.05, 0.025], history.Epochs.Select(e => e.LearningRate));
        Assert.Equal(0.025, trainer.Optimizer.LearningRate);
    }

    [Fact]
    public void Regression_WithSquaredError_LearnsALine_AndTracksMae()
    {
        var (x, y) = ToyDatasets.Line<double>(n: 64, slope: 2, intercept: -1, noise: 0.05, seed: 3);
        var model = new Linear<double>(1, 1, new Rng(1));
        var trainer = new Trainer<double>(model, new SquaredErrorForTests<double>(), new Sgd<double>(model.Parameters, 0.1),
            new TrainerOptions<double> { Epochs = 60, BatchSize = 16, Seed = 2, Metrics = [TrainingMetric<double>.MeanAbsoluteError()] });
        var history = trainer.Fit(x, y);

        Assert.Equal(2.0, model.Weight.Value[0, 0], 1);
        Assert.Equal(-1.0, model.Bias!.Value[0], 1);
        Assert.True(history["mae"][^1] < 0.06, history.ToString());
        Assert.True(history.TrainLoss[^1] < 0.005, history.ToString());
        Assert.Null(trainer.Evaluate(x, y).Accuracy);
    }

    [Fact]
    public void Regression_TracksNoMetricsByDefault()
    {
        var model = new Linear<double>(1, 1, new Rng(1));
        var trainer = new Trainer<double>(model, new SquaredErrorForTests<double>(), new Sgd<double>(model.Parameters, 0.1));
        Assert.Empty(trainer.Metrics);
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatience_AndRestoresTheBestEpochsWeights()
    {
        // Validation labels are the training labels shifted by one class, so learning the training data
        // makes validation loss worse after a while: early stopping must notice and undo it.
        var (x, y) = Blobs(20, 1);
        var vy = y.Clone();
        for (int i = 0; i < vy.Length; i++) vy[i] = (vy[i] + 1) % 3;
        var snapshots = new List<double[]>();
        Trainer<double>? trainer = null;
        trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 50, BatchSize = 10, Seed = 2,
            EarlyStopping = new EarlyStopping { Monitor = "val_loss", Patience = 3 },
            OnEpochEnd = _ => snapshots.Add(TestModels.Weights(trainer!.Model)),
        });
        var history = trainer.Fit(x, y, x, vy);

        var valLoss = history.ValidationLoss;
        int best = valLoss.Select((v, i) => (v, i)).MinBy(p => p.v).i + 1;
        Assert.True(history.StoppedEarly);
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(best + 3, history.Epochs.Count);
        Assert.True(history.RestoredBestWeights);
        Assert.Equal(snapshots[best - 1], TestModels.Weights(trainer.Model));
        Assert.Contains("stopped early", history.ToString());
    }

    [Fact]
    public void EarlyStopping_WithoutRestore_KeepsTheLastWeights()
    {
        var (x, y) = Blobs(20, 1);
        var vy = y.Clone();
        for (int i = 0; i < vy.Length; i++) vy[i] = (vy[i] + 1) % 3;
        var snapshots = new List<double[]>();
        Trainer<double>? trainer = null;
        trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 50, BatchSize = 10, Seed = 2,
            EarlyStopping = new EarlyStopping { Monitor = "val_loss", Patience = 2, RestoreBestWeights = false },
            OnEpochEnd = _ => snapshots.Add(TestModels.Weights(trainer!.Model)),
        });
        var history = trainer.Fit(x, y, x, vy);
        Assert.True(history.StoppedEarly);
        Assert.False(history.RestoredBestWeights);
        Assert.Equal(history.BestEpoch + 2, history.Epochs.Count);
        Assert.Equal(snapshots[^1], TestModels.Weights(trainer.Model));
        Assert.NotEqual(snapshots[history.BestEpoch!.Value - 1], TestModels.Weights(trainer.Model));
    }

    [Fact]
    public void EarlyStopping_MinDelta_CountsSmallGainsAsNoImprovement()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 30, BatchSize = 10, Seed = 2,
            EarlyStopping = new EarlyStopping { Monitor = "loss", Patience = 2, MinDelta = 10.0 },
        });
        var history = trainer.Fit(x, y);
        // Epoch 1 improves on +∞; no later epoch can beat it by 10, so training stops after epoch 1 + 2.
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(1, history.BestEpoch);
        Assert.True(history.StoppedEarly);
    }

    [Fact]
    public void EarlyStopping_OnAccuracy_TreatsHigherAsBetter()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double>
        {
            Epochs = 40, BatchSize = 10, Seed = 2,
            EarlyStopping = new EarlyStopping { Monitor = "accuracy", Patience = 3 },
        });
        var history = trainer.Fit(x, y);
        var acc = history["accuracy"];
        int firstBest = acc.Select((v, i) => (v, i)).First(p => p.v == acc.Max()).i + 1;
        Assert.Equal(firstBest, history.BestEpoch);
        Assert.True(acc.Max() > 0.9);
    }

    [Fact]
    public void EarlyStopping_OnValidation_WithoutValidationData_ThrowsAClearError()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double> { EarlyStopping = new EarlyStopping() });
        var ex = Assert.Throws<ArgumentException>(() => trainer.Fit(x, y));
        Assert.Contains("val_loss", ex.Message);
        Assert.Contains("no validation data", ex.Message);

        var unknown = Classifier(new TrainerOptions<double> { EarlyStopping = new EarlyStopping { Monitor = "f1" } });
        var ex2 = Assert.Throws<ArgumentException>(() => unknown.Fit(x, y));
        Assert.Contains("'f1'", ex2.Message);
        Assert.Contains("accuracy", ex2.Message);
    }

    [Fact]
    public void NonFiniteLoss_StopsTraining_NamingEpochStepAndLearningRate()
    {
        var (x, y) = ToyDatasets.Line<double>(n: 32, seed: 1);
        var model = new Linear<double>(1, 1, new Rng(1));
        var trainer = new Trainer<double>(model, new SquaredErrorForTests<double>(), new Sgd<double>(model.Parameters, 1e6),
            new TrainerOptions<double> { Epochs = 100, BatchSize = 8, Seed = 1 });
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(x, y));

        Assert.True(double.IsInfinity(ex.Loss) || double.IsNaN(ex.Loss));
        Assert.Equal((ex.Epoch - 1) * 4 + ex.Batch, ex.Step);
        Assert.Equal(ex.Step - 1, trainer.Optimizer.StepCount);
        Assert.Contains($"at epoch {ex.Epoch}, batch {ex.Batch} of 4 (step {ex.Step})", ex.Message);
        Assert.Contains("learning rate (1000000) may be too high", ex.Message);
    }

    [Fact]
    public void NaNInput_StopsAtTheFirstStep_BeforeAnyUpdate()
    {
        var (x, y) = Blobs(4);
        x[0, 0] = double.NaN;
        var trainer = Classifier(new TrainerOptions<double> { Epochs = 2, BatchSize = 100, Shuffle = false });
        var before = TestModels.Weights(trainer.Model);
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(x, y));
        Assert.Equal((1, 1, 1), (ex.Epoch, ex.Batch, ex.Step));
        Assert.True(double.IsNaN(ex.Loss));
        Assert.StartsWith("Training diverged: the loss became NaN at epoch 1, batch 1 of 1 (step 1).", ex.Message);
        Assert.Equal(before, TestModels.Weights(trainer.Model));
    }

    [Fact]
    public void Fit_RejectsMismatchedSampleCounts_AndHalfGivenValidation()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double>());
        var ex = Assert.Throws<ShapeMismatchException>(() => trainer.Fit(x, y.SliceRows(0, 59)));
        Assert.Contains("60 inputs (x: (60, 2)) but 59 targets (y: (59,))", ex.Message);
        Assert.Throws<ArgumentException>(() => trainer.Fit(x, y, validationX: x));
        Assert.Throws<ArgumentOutOfRangeException>(() => Classifier(new TrainerOptions<double> { BatchSize = 0 }));
    }

    [Fact]
    public void Fit_WorksForFloat()
    {
        var (x, y) = ToyDatasets.Blobs<float>(Centres, 20, 0.5, 1);
        var model = TestModels.Mlp<float>(2, 8, 3, 7);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Sgd<float>(model.Parameters, 0.1),
            new TrainerOptions<float> { Epochs = 15, BatchSize = 10, Seed = 3 });
        var history = trainer.Fit(x, y);
        Assert.True(history["accuracy"][^1] >= 0.95, history.ToString());
    }

    [Fact]
    public void ModelState_CaptureAndRestore_RoundTrips_AndRejectsAnotherArchitecture()
    {
        var model = TestModels.Mlp<double>(2, 4, 3, 1);
        var state = ModelState.Capture(model);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Select(s => s.Name));
        var before = TestModels.Weights(model);
        foreach (var p in model.Parameters) p.Value.Fill(0.5);
        ModelState.Restore(model, state);
        Assert.Equal(before, TestModels.Weights(model));

        var other = TestModels.Mlp<double>(2, 5, 3, 1);
        var otherBefore = TestModels.Weights(other);
        var ex = Assert.Throws<InvalidOperationException>(() => ModelState.Restore(other, state));
        Assert.Contains("'0.weight' has shape (4, 2), the model needs (5, 2)", ex.Message);
        Assert.Equal(otherBefore, TestModels.Weights(other));
    }

    [Fact]
    public void Fit_ReusesBuffersOnlyDuringItsLoop_SoOutputsTakenAfterwardsAreNew()
    {
        var (x, y) = Blobs();
        var trainer = Classifier(new TrainerOptions<double> { Epochs = 2, BatchSize = 10, Seed = 3 });
        trainer.Fit(x, y);
        Assert.False(trainer.Model.ReuseBuffers);
        Assert.False(trainer.Loss.ReuseBuffers);
        var first = trainer.Model.Forward(x);
        var kept = first.ToArray();
        trainer.Loss.Forward(first, y);
        trainer.Model.Backward(trainer.Loss.Backward());
        var second = trainer.Model.Forward(x);
        Assert.NotSame(first, second);
        Assert.Equal(kept, first.ToArray());
    }
}
