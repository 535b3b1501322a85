using System.Text.Encodings.Web;
using System.Text.Json;
using Tutorial.Models;

namespace Tutorial.Cli.Training;

/// <summary>
/// Writes a training run's settings, per-epoch history and held-out evaluation as JSON, for scripts and for
/// comparing runs. Text is written as UTF-8 without escaping apostrophes or non-ASCII letters. Layout (the parts that do not apply to the task are left out):
/// <code>
/// { "model": "cnn-mnist", "description": …, "dataset": …, "task": "classification",
///   "architecture": "Sequential(…)", "parameters": 44426, "modelFile": "artifacts/cnn-mnist.tmodel",
///   "settings": { "epochs", "batchSize", "learningRate", "seed", "trainSamples" },
///   "trainSeconds": 19.4,
///   "history": [ { "epoch", "loss", "accuracy", "val_loss", "val_accuracy", "learningRate", "seconds" }, … ],
///   "classification": { "samples", "loss", "accuracy", "macroPrecision", "macroRecall", "macroF1", "weightedF1",
///                       "classes": [ { "name", "precision", "recall", "f1", "support" }, … ],
///                       "confusionMatrix": [[…], …] },          rows actual, columns predicted
///   "regression": { "samples", "heldOut", "model": { "mse", "rmse", "mae", "r2" }, "baselineName",
///                   "baseline": { … }, "beatsBaseline", "predictions": […], "actual": […] },
///   "text": { "vocabularySize", "validationLoss", "uniformLoss", "perplexity", "knownWordFraction", "samples": […] } }
/// </code>
/// </summary>
internal static class MetricsJson
{
    public static void Write(string path, TrainingRun run, string modelFile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, run, modelFile);
        File.WriteAllBytes(path, stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, TrainingRun run, string modelFile)
    {
        var recipe = run.Recipe;
        w.WriteStartObject();
        w.WriteString("model", recipe.Name);
        w.WriteString("description", recipe.Description);
        w.WriteString("dataset", recipe.Dataset);
        w.WriteString("task", recipe.Task switch
        {
            ModelTask.Classification => "classification",
            ModelTask.Regression => "regression",
            _ => "text-generation",
        });
        w.WriteString("architecture", run.Model.ToString());
        w.WriteNumber("parameters", run.Model.ParameterCount);
        w.WriteString("modelFile", modelFile);

        w.WriteStartObject("settings");
        w.WriteNumber("epochs", run.Settings.Epochs);
        w.WriteNumber("batchSize", run.Settings.BatchSize);
        w.WriteNumber("learningRate", run.Settings.LearningRate);
        w.WriteNumber("seed", run.Settings.Seed);
        w.WriteNumber("trainSamples", run.TrainSamples);
        w.WriteEndObject();
        w.WriteNumber("trainSeconds", Math.Round(run.Elapsed.TotalSeconds, 3));

        w.WriteStartArray("history");
        foreach (var e in run.History.Epochs)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.Epoch);
            Number(w, "loss", e.TrainLoss);
            foreach (var (name, value) in e.TrainMetrics) Number(w, name, value);
            if (e.ValidationLoss is double vl) Number(w, "val_loss", vl);
            foreach (var (name, value) in e.ValidationMetrics) Number(w, "val_" + name, value);
            w.WriteNumber("learningRate", e.LearningRate);
            w.WriteNumber("seconds", Math.Round(e.Elapsed.TotalSeconds, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (run.Evaluation.Classification is { } c) WriteClassification(w, c);
        if (run.Evaluation.Regression is { } r) WriteRegression(w, r);
        if (run.Evaluation.Text is { } t) WriteText(w, t);
        w.WriteEndObject();
    }

    private static void WriteClassification(Utf8JsonWriter w, ClassificationSummary c)
    {
        var m = c.Confusion;
        w.WriteStartObject("classification");
        w.WriteNumber("samples", c.Samples);
        Number(w, "loss", c.Loss);
        Number(w, "accuracy", c.Accuracy);
        Number(w, "macroPrecision", m.MacroPrecision);
        Number(w, "macroRecall", m.MacroRecall);
        Number(w, "macroF1", m.MacroF1);
        Number(w, "weightedF1", m.WeightedF1);
        w.WriteStartArray("classes");
        for (int k = 0; k < m.Classes; k++)
        {
            w.WriteStartObject();
            w.WriteString("name", m.ClassNames[k]);
            Number(w, "precision", m.Precision(k));
            Number(w, "recall", m.Recall(k));
            Number(w, "f1", m.F1(k));
            w.WriteNumber("support", m.Support(k));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("confusionMatrix");
        for (int a = 0; a < m.Classes; a++)
        {
            w.WriteStartArray();
            for (int p = 0; p < m.Classes; p++) w.WriteNumberValue(m[a, p]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRegression(Utf8JsonWriter w, RegressionSummary r)
    {
        w.WriteStartObject("regression");
        w.WriteNumber("samples", r.Samples);
        w.WriteString("heldOut", r.HeldOut);
        Scores(w, "model", r.Model);
        w.WriteString("baselineName", r.BaselineName);
        Scores(w, "baseline", r.Baseline);
        w.WriteBoolean("beatsBaseline", r.BeatsBaseline);
        Array(w, "predictions", r.Predictions);
        Array(w, "actual", r.Actual);
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, TextSummary t)
    {
        w.WriteStartObject("text");
        w.WriteNumber("vocabularySize", t.VocabularySize);
        Number(w, "validationLoss", t.ValidationLoss);
        Number(w, "uniformLoss", t.UniformLoss);
        Number(w, "perplexity", t.Perplexity);
        Number(w, "knownWordFraction", t.KnownWordFraction);
        w.WriteStartArray("samples");
        foreach (var s in t.Samples) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Scores(Utf8JsonWriter w, string name, RegressionScores s)
    {
        w.WriteStartObject(name);
        Number(w, "mse", s.Mse);
        Number(w, "rmse", s.Rmse);
        Number(w, "mae", s.Mae);
        Number(w, "r2", s.R2);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) NumberValue(w, v);
        w.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinity: those are written as null.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        NumberValue(w, value);
    }

    private static void NumberValue(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(value);
        else w.WriteNullValue();
    }
}
