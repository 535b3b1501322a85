using System.Text.Json;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Images;

/// <summary>
/// Reads Images/Fixtures/transforms.json, written by PyTorch through the committed script
/// Images/Fixtures/generate_transforms.py (float64, {"shape": [...], "data": [...]}).
/// </summary>
internal static class TransformsFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Images", "Fixtures", "transforms.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    });

    public static Tensor<double> Tensor(string name)
    {
        var e = Root.Value.GetProperty(name);
        int[] shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        double[] data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return Tensor<double>.FromArray(data, shape);
    }
}
