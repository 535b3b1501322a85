using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Bench.Training;

/// <summary>
/// One training workload of <c>bench/training-vs-torch.sh</c>: a model, its loss, plain SGD and synthetic data
/// (fixed seed), with exactly the shapes of the PyTorch twin in <c>bench/torch_training.py</c>.
/// <code>
/// mlp   x: (10000, 784) → Linear 784→128, ReLU, Linear 128→10; softmax cross-entropy; batch 64; a unit is one epoch (157 steps)
/// cnn   x: (10000, 1, 28, 28) → Conv 1→8 k5, ReLU, MaxPool 2, Conv 8→16 k5, ReLU, MaxPool 2, Flatten, Linear 256→10;
///       batch 64; a unit is one epoch (157 steps)
/// lstm  x: (32, 50, 64) → LSTM 64→128 (every step), Linear 128→64 at every step; mean softmax cross-entropy
///       over the 32·50 positions against targets in [0, 64); a unit is one step
/// </code>
/// One training step is forward, loss, zero the gradients, backward, SGD step, as in the PyTorch loop; backward
/// computes no gradient for the input data (<see cref="Layer{T}.BackwardParameters"/>), as PyTorch does not.
/// The batches are views of the data tensor made once, so the loop itself allocates nothing.
/// </summary>
public sealed class TrainingWorkload
{
    public const int Samples = 10_000;
    public const int BatchSize = 64;
    public const float LearningRate = 0.01f;

    private readonly Layer<float> _model;
    private readonly Loss<float> _loss;
    private readonly Sgd<float> _optimizer;
    private readonly (Tensor<float> X, Tensor<float> Y)[] _batches;
    private int _next;

    private TrainingWorkload(string name, Layer<float> model, Loss<float> loss, (Tensor<float>, Tensor<float>)[] batches, int stepsPerUnit)
    {
        Name = name;
        _model = model;
        _loss = loss;
        _model.ReuseBuffers = true;   // a training loop, as the Trainer runs it: outputs and gradients reused per step
        _loss.ReuseBuffers = true;
        _optimizer = new Sgd<float>(model.Parameters, LearningRate);
        _batches = batches;
        StepsPerUnit = stepsPerUnit;
    }

    public string Name { get; }

    /// <summary>Training steps in one timed unit: an epoch for mlp and cnn, one step for lstm.</summary>
    public int StepsPerUnit { get; }

    /// <summary>What one unit is, for the table.</summary>
    public string Unit => Name == "lstm" ? "step" : "epoch";

    public static TrainingWorkload Create(string name)
    {
        var rng = new Rng(1234);
        switch (name)
        {
            case "mlp":
            {
                var model = new Sequential<float>(new Linear<float>(784, 128, rng), new ReLU<float>(), new Linear<float>(128, 10, rng));
                var x = Tensor<float>.Uniform(rng, 0, 1, Samples, 784);
                return new TrainingWorkload(name, model, new SoftmaxCrossEntropy<float>(), EpochBatches(x, Labels(rng, Samples, 10)), Batches(Samples));
            }
            case "cnn":
            {
                var model = new Sequential<float>(
                    new Conv2D<float>(1, 8, 5, rng), new ReLU<float>(), new MaxPool2D<float>(2),
                    new Conv2D<float>(8, 16, 5, rng), new ReLU<float>(), new MaxPool2D<float>(2),
                    new Flatten<float>(), new Linear<float>(256, 10, rng));
                var x = Tensor<float>.Uniform(rng, 0, 1, Samples, 1, 28, 28);
                return new TrainingWorkload(name, model, new SoftmaxCrossEntropy<float>(), EpochBatches(x, Labels(rng, Samples, 10)), Batches(Samples));
            }
            case "lstm":
            {
                var model = new Sequential<float>(new Lstm<float>(64, 128, rng), new TimeDistributed<float>(new Linear<float>(128, 64, rng)));
                var x = Tensor<float>.Normal(rng, 0, 1, 32, 50, 64);
                var y = Labels(rng, 32 * 50, 64).Reshape(32, 50);
                return new TrainingWorkload(name, model, new SequenceSoftmaxCrossEntropy<float>(), [(x, y)], 1);
            }
            default:
                throw new ArgumentException($"Unknown workload '{name}'; use mlp, cnn or lstm.");
        }
    }

    private static int Batches(int samples) => (samples + BatchSize - 1) / BatchSize;

    private static Tensor<float> Labels(Rng rng, int count, int classes)
    {
        var y = new Tensor<float>(count);
        for (int i = 0; i < count; i++) y[i] = rng.NextInt(classes);
        return y;
    }

    /// <summary>Batch views in order; the last one holds the 16 samples left over (10000 = 156·64 + 16), as a
    /// PyTorch DataLoader without drop_last gives them.</summary>
    private static (Tensor<float>, Tensor<float>)[] EpochBatches(Tensor<float> x, Tensor<float> y)
    {
        var batches = new (Tensor<float>, Tensor<float>)[Batches(x.N)];
        for (int b = 0; b < batches.Length; b++)
        {
            int start = b * BatchSize, count = Math.Min(BatchSize, x.N - start);
            batches[b] = (x.SliceRows(start, count), y.SliceRows(start, count));
        }
        return batches;
    }

    /// <summary>One training step on the next batch; returns the loss.</summary>
    public float Step()
    {
        var (x, y) = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        var prediction = _model.Forward(x);
        float loss = _loss.Forward(prediction, y);
        _optimizer.ZeroGrad();
        _model.BackwardParameters(_loss.Backward());   // the data needs no gradient (as in PyTorch)
        _optimizer.Step();
        return loss;
    }

    /// <summary>One unit with a clock (wall or this thread's CPU time) around every layer's Forward and Backward, the loss and the optimizer;
    /// adds the seconds into <paramref name="seconds"/> under names like "0 Linear fwd".</summary>
    public void ProfileUnit(Dictionary<string, double> seconds, bool cpuTime)
    {
        var layers = ((Sequential<float>)_model).Layers;
        double Now() => cpuTime ? ThreadCpuClock.Now() : System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
        void Add(string key, double start) => seconds[key] = seconds.GetValueOrDefault(key) + (Now() - start);
        _next = 0;
        for (int s = 0; s < StepsPerUnit; s++)
        {
            var (x, y) = _batches[_next];
            _next = (_next + 1) % _batches.Length;
            double t;
            for (int i = 0; i < layers.Count; i++)
            {
                t = Now();
                x = layers[i].Forward(x);
                Add($"{i} {layers[i]} fwd", t);
            }
            t = Now();
            _loss.Forward(x, y);
            var d = _loss.Backward();
            Add($"loss {_loss}", t);
            t = Now();
            _optimizer.ZeroGrad();
            Add("zero grad", t);
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                t = Now();
                if (i > 0) d = layers[i].Backward(d);
                else layers[i].BackwardParameters(d);
                Add($"{i} {layers[i]} bwd", t);
            }
            t = Now();
            _optimizer.Step();
            Add("sgd step", t);
        }
    }

    /// <summary>One timed unit: <see cref="StepsPerUnit"/> steps, starting at the first batch.</summary>
    public float RunUnit()
    {
        _next = 0;
        float loss = 0;
        for (int s = 0; s < StepsPerUnit; s++) loss = Step();
        return loss;
    }
}
