using System.CommandLine;
using System.Globalization;
using Tutorial.Cli.Training;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Training;
using Tutorial.Models;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial train MODEL</c>: trains one of the named models of <see cref="ModelZoo"/> on its shipped dataset,
/// shows a progress line, prints the held-out evaluation, and writes the model file and a JSON metrics summary.
/// <code>
/// tutorial train cnn-mnist --epochs 3 --output artifacts/lenet.tmodel --metrics artifacts/lenet.json
/// tutorial train mlp-digits --threads 1
/// </code>
/// Exit codes: 0 trained and saved; 1 training or saving failed (e.g. the loss diverged, a dataset is missing);
/// 2 bad arguments (unknown model, epochs &lt; 1, learning rate ≤ 0, an output path that cannot be written).
/// </summary>
internal static class TrainCommand
{
    /// <summary>The folder model files and metrics go to by default, relative to the current directory.</summary>
    public const string DefaultFolder = "artifacts";

    public static Command Create()
    {
        var model = new Argument<string>("model")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The model to train, one of:\n" + string.Join("\n", ModelZoo.All.Select(r =>
                $"  {r.Name,-13} {r.Description}\n  {"",-13} defaults: {r.Defaults.Epochs} epochs, batch size {r.Defaults.BatchSize}, " +
                $"learning rate {r.Defaults.LearningRate.ToString(CultureInfo.InvariantCulture)}")),
        };
        var epochs = PositiveInt("--epochs", "-e", "Passes over the training data (default: the model's own).");
        var batchSize = PositiveInt("--batch-size", "-b", "Samples per mini-batch (default: the model's own).");
        var learningRate = new Option<double?>("--lr")
        {
            Description = "Learning rate of the Adam optimizer (default: the model's own).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) r.AddError($"--lr must be a number, got '{text}'.");
                else if (!(v > 0) || double.IsInfinity(v)) r.AddError($"--lr must be positive and finite, got {text}.");
                else return v;
                return null;
            },
        };
        var seed = new Option<ulong?>("--seed", "-s")
        {
            Description = "Seed of the weights, batch order and sampling (default 1).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
                r.AddError($"--seed must be a whole number from 0 to {ulong.MaxValue}, got '{text}'.");
                return null;
            },
        };
        var trainSamples = PositiveInt("--train-samples", null, "Train on at most this many samples (a seeded subset), for a quick run.");
        var output = new Option<string?>("--output", "-o") { Description = $"Model file to write (default {DefaultFolder}/MODEL{ModelFile.Extension})." };
        var metrics = new Option<string?>("--metrics", "-m") { Description = "Metrics JSON file to write (default: the model file's name with .metrics.json)." };
        var threads = PositiveInt("--threads", "-t", $"Threads the matrix products may use (default: every core, {Environment.ProcessorCount} here).");
        var noProgress = new Option<bool>("--no-progress") { Description = "Print only a line per epoch, no live progress line." };

        var command = new Command("train", "Train a named model on its shipped dataset; print and save the evaluation, and save the model file.")
        {
            model, epochs, batchSize, learningRate, seed, trainSamples, output, metrics, threads, noProgress,
        };
        command.Validators.Add(result =>
        {
            var tokens = result.GetResult(model)?.Tokens;
            string? name = tokens is { Count: > 0 } ? tokens[0].Value : null;
            if (name is null)
                result.AddError($"Name the model to train. Valid models: {string.Join(", ", ModelZoo.Names)}.");
            else if (ModelZoo.Find(name) is null)
                result.AddError($"Unknown model '{name}'. Valid models: {string.Join(", ", ModelZoo.Names)}.");
        });
        command.SetAction(parse =>
        {
            var recipe = ModelZoo.Get(parse.GetValue(model)!);
            var settings = recipe.Settings(parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(seed),
                parse.GetValue(trainSamples));
            string modelPath = parse.GetValue(output) ?? DefaultModelPath(recipe.Name);
            string metricsPath = parse.GetValue(metrics) ?? DefaultMetricsPath(modelPath);
            var config = parse.InvocationConfiguration;
            int previousThreads = Gemm.MaxThreads;
            if (parse.GetValue(threads) is int n) Gemm.MaxThreads = n;
            try
            {
                return Run(recipe, settings, modelPath, metricsPath, config.Output, config.Error,
                    live: !parse.GetValue(noProgress) && ReferenceEquals(config.Output, Console.Out) && !Console.IsOutputRedirected);
            }
            finally
            {
                Gemm.MaxThreads = previousThreads;
            }
        });
        return command;
    }

    /// <summary>An optional integer option that must be at least 1; anything else is a parse error naming the option and the value.</summary>
    private static Option<int?> PositiveInt(string name, string? alias, string description)
    {
        var option = alias is null ? new Option<int?>(name) : new Option<int?>(name, alias);
        option.Description = description;
        option.CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)) r.AddError($"{name} must be a whole number, got '{text}'.");
            else if (v < 1) r.AddError($"{name} must be at least 1, got {v}.");
            else return v;
            return null;
        };
        return option;
    }

    /// <summary><c>artifacts/MODEL.tmodel</c>, relative to the current directory.</summary>
    public static string DefaultModelPath(string model) => Path.Combine(DefaultFolder, model + ModelFile.Extension);

    /// <summary><c>dir/name.tmodel</c> → <c>dir/name.metrics.json</c>.</summary>
    public static string DefaultMetricsPath(string modelPath)
    {
        string dir = Path.GetDirectoryName(modelPath) ?? "";
        string name = Path.GetFileName(modelPath);
        if (name.EndsWith(ModelFile.Extension, StringComparison.OrdinalIgnoreCase)) name = name[..^ModelFile.Extension.Length];
        return Path.Combine(dir, name + ".metrics.json");
    }

    /// <summary>Checks the output paths, trains, prints and saves. Returns the exit code.</summary>
    internal static int Run(ModelRecipe recipe, TrainSettings settings, string modelPath, string metricsPath, TextWriter output, TextWriter error, bool live)
    {
        var problems = settings.Problems().Select(p => "tutorial train: " + p).ToList();
        string? modelProblem = CheckWritable(modelPath, "model file"), metricsProblem = CheckWritable(metricsPath, "metrics file");
        if (modelProblem is not null) problems.Add(modelProblem);
        if (metricsProblem is not null) problems.Add(metricsProblem);
        if (modelProblem is null && metricsProblem is null && Path.GetFullPath(modelPath) == Path.GetFullPath(metricsPath))
            problems.Add($"tutorial train: the model file and the metrics file are both '{modelPath}'; give them different paths.");
        if (problems.Count > 0)
        {
            foreach (var p in problems) error.WriteLine(p);
            return 2;
        }

        output.WriteLine($"Training {recipe.Name}: {recipe.Description}");
        output.WriteLine($"Data: {recipe.Dataset}");
        output.WriteLine($"Settings: {settings}, up to {Gemm.MaxThreads} thread{(Gemm.MaxThreads == 1 ? "" : "s")} per matrix product");
        var progress = new ProgressPrinter(output, live);
        TrainingRun run;
        try
        {
            run = recipe.Train(settings, progress.OnBatch, e => progress.OnEpoch(e, settings.Epochs));
        }
        catch (TrainingDivergedException e)
        {
            progress.ClearLine();
            error.WriteLine($"tutorial train: {e.Message}");
            error.WriteLine("Try a smaller learning rate (--lr).");
            return 1;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or Tutorial.Data.DataFormatException)
        {
            progress.ClearLine();
            error.WriteLine($"tutorial train: could not read the dataset: {e.Message}");
            return 1;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {run.Model.ParameterCount:N0} parameters on {run.TrainSamples:N0} samples in {ProgressPrinter.Duration(run.Elapsed)}."));
        output.WriteLine();
        SummaryPrinter.Print(output, run);
        output.WriteLine();

        try
        {
            ModelFile.Save(run.Model, modelPath, $"tutorial train {recipe.Name} (seed {settings.Seed}): {run.Model}");
            MetricsJson.Write(metricsPath, run, modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"tutorial train: could not save the results: {e.Message}");
            return 1;
        }
        output.WriteLine($"Model file:   {modelPath}");
        output.WriteLine($"Metrics JSON: {metricsPath}");
        return 0;
    }

    /// <summary>
    /// Null when a file can be written at <paramref name="path"/> (its folder is created if missing, and a probe
    /// file is written and deleted), else a sentence saying why not.
    /// </summary>
    internal static string? CheckWritable(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) return $"tutorial train: the {what} path is empty.";
        try
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full)) return $"tutorial train: cannot write the {what} to '{path}': it is a folder; give a file name.";
            string dir = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".tutorial-write-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"tutorial train: cannot write the {what} to '{path}': {e.Message}";
        }
    }
}
