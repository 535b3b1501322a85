using System.Text.Json;
using Tutorial.Cli.Commands;
using Tutorial.Engine.Serialization;
using Tutorial.Models;

namespace Tutorial.Cli.Tests.Commands;

public class TrainCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await TutorialCommandLine.InvokeAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string TempDir() => Directory.CreateTempSubdirectory("tutorial-train-").FullName;

    [Fact]
    public async Task Train_WritesAModelFileAndMetricsJson_ThatLoadBack()
    {
        string dir = TempDir();
        string model = Path.Combine(dir, "out", "iris.tmodel");
        string metrics = Path.Combine(dir, "iris-metrics.json");

        var (exit, output, error) = await Run("train", "mlp-iris", "--epochs", "3", "--seed", "4", "--output", model, "--metrics", metrics);

        Assert.True(exit == 0, output + error);
        Assert.Equal("", error);
        Assert.Contains("Training mlp-iris", output);
        Assert.Contains("epoch 3/3", output);
        Assert.Contains("precision  recall  f1-score  support", output);
        Assert.Contains("Confusion matrix (rows: actual class, columns: predicted class)", output);
        Assert.Contains($"Model file:   {model}", output);

        using var json = JsonDocument.Parse(File.ReadAllText(metrics));
        var root = json.RootElement;
        Assert.Equal("mlp-iris", root.GetProperty("model").GetString());
        Assert.Equal("classification", root.GetProperty("task").GetString());
        Assert.Equal(3, root.GetProperty("settings").GetProperty("epochs").GetInt32());
        Assert.Equal(4UL, root.GetProperty("settings").GetProperty("seed").GetUInt64());
        Assert.Equal(3, root.GetProperty("history").GetArrayLength());
        var c = root.GetProperty("classification");
        Assert.Equal(30, c.GetProperty("samples").GetInt32());
        Assert.Equal(3, c.GetProperty("classes").GetArrayLength());
        Assert.Equal("setosa", c.GetProperty("classes")[0].GetProperty("name").GetString());
        var matrix = c.GetProperty("confusionMatrix");
        int total = 0, diagonal = 0;
        for (int a = 0; a < 3; a++)
            for (int p = 0; p < 3; p++)
            {
                int n = matrix[a][p].GetInt32();
                total += n;
                if (a == p) diagonal += n;
            }
        Assert.Equal(30, total);
        Assert.Equal(diagonal / 30.0, c.GetProperty("accuracy").GetDouble(), 12);

        // The model file loads into a freshly built network and gives the accuracy the JSON reports.
        var recipe = ModelZoo.Get("mlp-iris");
        var info = ModelFile.Inspect(model);
        Assert.Equal("float32", info.ElementType);
        Assert.StartsWith("tutorial train mlp-iris (seed 4)", info.Description);
        var loaded = recipe.Build(seed: 99);
        ModelFile.Load(loaded, model);
        var evaluation = recipe.Evaluate(loaded).Classification!;
        Assert.Equal(c.GetProperty("accuracy").GetDouble(), evaluation.Accuracy, 12);
        Assert.Equal(c.GetProperty("loss").GetDouble(), evaluation.Loss, 6);
    }

    [Fact]
    public async Task Train_PutsTheMetricsNextToTheModelFile_AndWritesRegressionMetrics()
    {
        string dir = TempDir();
        string model = Path.Combine(dir, "sun.tmodel");
        var (exit, output, error) = await Run("train", "rnn-sunspots", "--epochs", "2", "--no-progress", "-o", model);
        Assert.True(exit == 0, output + error);
        Assert.True(File.Exists(model));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sun.metrics.json")));
        Assert.Equal("regression", json.RootElement.GetProperty("task").GetString());
        var r = json.RootElement.GetProperty("regression");
        Assert.Equal(59, r.GetProperty("samples").GetInt32());
        Assert.Equal("years 1950–2008", r.GetProperty("heldOut").GetString());
        Assert.Equal(33.175, r.GetProperty("baseline").GetProperty("rmse").GetDouble(), 3);
        Assert.Equal(59, r.GetProperty("predictions").GetArrayLength());
        Assert.Equal(59, r.GetProperty("actual").GetArrayLength());
        Assert.Contains("baseline: persistence (next year = this year)", output);
        Assert.Contains("RMSE", output);
        var recipe = ModelZoo.Get("rnn-sunspots");
        var loaded = recipe.Build(1);
        ModelFile.Load(loaded, model);
        Assert.Equal(r.GetProperty("model").GetProperty("rmse").GetDouble(), recipe.Evaluate(loaded).Regression!.Model.Rmse, 6);
    }

    [Fact]
    public async Task Train_TextModel_PrintsSamplesAndTheUniformBound()
    {
        string dir = TempDir();
        var (exit, output, error) = await Run("train", "lstm-text", "--epochs", "1", "--train-samples", "64",
            "--output", Path.Combine(dir, "text.tmodel"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("Uniform guess over the 82 characters: ln 82 = 4.4067 nats", output);
        Assert.Contains("Sample 1:", output);
        Assert.Contains("  | CYNIC, n. A ", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "text.metrics.json")));
        var t = json.RootElement.GetProperty("text");
        Assert.Equal(Math.Log(82), t.GetProperty("uniformLoss").GetDouble(), 12);
        Assert.Equal(3, t.GetProperty("samples").GetArrayLength());
        Assert.Equal(64, json.RootElement.GetProperty("settings").GetProperty("trainSamples").GetInt32());
    }

    [Fact]
    public async Task UnknownModel_ListsTheValidOnes_WithExitCode2()
    {
        var (exit, output, error) = await Run("train", "resnet50");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown model 'resnet50'. Valid models: mlp-digits, cnn-mnist, cnn-fashion, lstm-text, rnn-sunspots, mlp-iris.", error);
        Assert.Contains("Run 'tutorial train --help' for usage.", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--epochs", "-3", "--epochs must be at least 1, got -3.")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, got 0.")]
    [InlineData("--lr", "0", "--lr must be positive and finite, got 0.")]
    [InlineData("--lr", "-0.5", "--lr must be positive and finite, got -0.5.")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1, got 0.")]
    [InlineData("--train-samples", "-1", "--train-samples must be at least 1, got -1.")]
    [InlineData("--threads", "0", "--threads must be at least 1, got 0.")]
    [InlineData("--epochs", "many", "--epochs must be a whole number, got 'many'.")]
    [InlineData("--lr", "fast", "--lr must be a number, got 'fast'.")]
    [InlineData("--seed", "-1", "--seed must be a whole number from 0 to 18446744073709551615, got '-1'.")]
    public async Task BadNumbers_AreReportedClearly_WithExitCode2(string option, string value, string message)
    {
        var (exit, output, error) = await Run("train", "mlp-iris", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("Training", output);
    }

    [Fact]
    public async Task MissingModel_IsReported_WithExitCode2()
    {
        var (exit, _, error) = await Run("train");
        Assert.Equal(2, exit);
        Assert.Contains("Valid models: mlp-digits", error);
    }

    [Fact]
    public async Task UnwritableOutputPath_IsReportedBeforeTraining_WithExitCode2()
    {
        string dir = TempDir();
        string blocker = Path.Combine(dir, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var (exit, output, error) = await Run("train", "mlp-iris", "--output", Path.Combine(blocker, "model.tmodel"));
        Assert.Equal(2, exit);
        Assert.Contains($"cannot write the model file to '{Path.Combine(blocker, "model.tmodel")}'", error);
        Assert.DoesNotContain("Training", output);

        var (exit2, _, error2) = await Run("train", "mlp-iris", "--output", dir);
        Assert.Equal(2, exit2);
        Assert.Contains("it is a folder; give a file name", error2);

        string same = Path.Combine(dir, "same.json");
        var (exit3, _, error3) = await Run("train", "mlp-iris", "--output", same, "--metrics", same);
        Assert.Equal(2, exit3);
        Assert.Contains("give them different paths", error3);
    }

    [Fact]
    public void DefaultPaths_AreUnderArtifacts_WithTheMetricsNextToTheModelFile()
    {
        Assert.Equal(Path.Combine("artifacts", "cnn-mnist.tmodel"), TrainCommand.DefaultModelPath("cnn-mnist"));
        Assert.Equal(Path.Combine("artifacts", "cnn-mnist.metrics.json"), TrainCommand.DefaultMetricsPath(Path.Combine("artifacts", "cnn-mnist.tmodel")));
        Assert.Equal("weights.bin.metrics.json", TrainCommand.DefaultMetricsPath("weights.bin"));
    }

    [Fact]
    public async Task Threads_LimitsTheMatrixProductsForTheRun_AndIsRestoredAfterwards()
    {
        int before = Tutorial.Engine.Kernels.Gemm.MaxThreads;
        string dir = TempDir();
        var (exit, output, error) = await Run("train", "mlp-iris", "--epochs", "1", "--threads", "1", "--no-progress",
            "--output", Path.Combine(dir, "iris.tmodel"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("up to 1 thread per matrix product", output);
        Assert.Equal(before, Tutorial.Engine.Kernels.Gemm.MaxThreads);
    }
}
