using System.Diagnostics;
using Tutorial.Data;
using Tutorial.Data.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Training;
using Tutorial.Models.Text;

namespace Tutorial.Models.Recipes;

/// <summary>
/// <c>lstm-text</c>: a character-level LSTM language model (<see cref="Architectures.CharLstm{T}"/>, embedding 32,
/// hidden 64) on Ambrose Bierce's <i>The Devil's Dictionary</i>.
/// <para>The first 90 % of the text is for training, cut into consecutive windows of 32 characters; each window
/// is paired with the same window shifted by one character, so at every position the model learns to predict
/// the next character. The last 10 % is held out: the first 400 windows of it (12,800 characters) measure the
/// validation loss. The loss is the mean cross-entropy per character in nats; a model that guesses uniformly
/// among the V characters scores ln V (V = 82 here, ln V ≈ 4.41). The evaluation also samples text after three
/// prompts and counts how many of the sampled words occur in the training text.</para>
/// </summary>
public sealed class LstmText : ModelRecipe
{
    /// <summary>Characters per training window (the length of backpropagation through time).</summary>
    public const int Window = 32;

    /// <summary>Held-out windows used for the validation loss.</summary>
    public const int ValidationWindows = 400;

    /// <summary>Characters sampled after each prompt.</summary>
    public const int SampleLength = 300;

    /// <summary>The sampling temperature τ.</summary>
    public const double Temperature = 0.7;

    /// <summary>The prompts the evaluation continues.</summary>
    public static readonly IReadOnlyList<string> Prompts = ["CYNIC, n. A ", "LOVE, n. ", "The "];

    private readonly Lazy<TextData> _data = new(LoadData);

    public override string Name => "lstm-text";
    public override string Description => "Character-level LSTM (embedding 32, hidden 64) that writes like The Devil's Dictionary";
    public override string Dataset => "The Devil's Dictionary (Bierce, 1911): 383,147 characters, first 90 % train in 32-character windows, last 10 % held out";
    public override ModelTask Task => ModelTask.TextGeneration;
    public override TrainSettings Defaults => new() { Epochs = 5, BatchSize = 32, LearningRate = 0.005 };

    /// <summary>The text, its vocabulary and the training and validation windows (read once per recipe instance).</summary>
    public TextData Data => _data.Value;

    public override Layer<float> Build(ulong seed) => Architectures.CharLstm<float>(new Rng(seed), Data.Corpus.Vocabulary.Size, 32, 64);

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
        var trainer = new Trainer<float>(model, new SequenceSoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, settings.LearningRate),
            new TrainerOptions<float>
            {
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                Seed = settings.Seed,
                Metrics = [new NextCharacterAccuracy()],
                EvaluationBatchSize = 100,
                OnBatchEnd = onBatch,
                OnEpochEnd = onEpoch,
            });
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(x, y, data.ValidationX, data.ValidationY);
        var elapsed = clock.Elapsed;
        return new TrainingRun(this, settings, model, history, Evaluate(model, settings.Seed), x.N, elapsed);
    }

    public override ModelEvaluation Evaluate(Layer<float> model, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not Sequential<float> sequential)
            throw new ArgumentException($"lstm-text evaluates a Sequential character model, got {model}.", nameof(model));
        var data = Data;
        var logits = Trainer<float>.Predict(model, data.ValidationX, 100);
        double loss = new SequenceSoftmaxCrossEntropy<float>().Forward(logits, data.ValidationY);
        var rng = new Rng(seed ^ 0x73616D706C65UL); // "sample"
        var samples = Prompts.Select(p => CharSampler.Sample(sequential, data.Corpus.Vocabulary, p, SampleLength, Temperature, rng)).ToArray();
        double known = WordCheck.KnownFraction(samples.Select((s, i) => s[Prompts[i].Length..]), data.KnownWords);
        return new ModelEvaluation(Text: new TextSummary(data.Corpus.Vocabulary.Size, loss, samples, known));
    }

    private static TextData LoadData()
    {
        var corpus = Datasets.DevilsDictionary();
        var (train, validation) = corpus.Split(0.1);
        var (trainX, trainY) = train.SequentialWindows<float>(Window);
        var (validationX, validationY) = validation.SequentialWindows<float>(Window);
        int keep = Math.Min(ValidationWindows, validationX.N);
        return new TextData(corpus, trainX, trainY, validationX.SliceRows(0, keep).Clone(), validationY.SliceRows(0, keep).Clone(),
            WordCheck.Vocabulary(train.Text));
    }
}

/// <summary>The text of <see cref="LstmText"/> ready for training.</summary>
/// <param name="Corpus">The whole text and its vocabulary.</param>
/// <param name="TrainX">Training windows (M, 32) of character ids.</param>
/// <param name="TrainY">The next character at every position of <paramref name="TrainX"/>, (M, 32).</param>
/// <param name="ValidationX">Held-out windows (400, 32).</param>
/// <param name="ValidationY">Their next characters, (400, 32).</param>
/// <param name="KnownWords">The distinct words of the training text (lower-cased).</param>
public sealed record TextData(CharCorpus Corpus, Tensor<float> TrainX, Tensor<float> TrainY, Tensor<float> ValidationX, Tensor<float> ValidationY,
    IReadOnlySet<string> KnownWords);
