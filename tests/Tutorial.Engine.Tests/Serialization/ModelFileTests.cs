using System.Buffers.Binary;
using System.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Serialization;
using Tutorial.Engine.Tensors;
using Tutorial.Engine.Tests.Training;

namespace Tutorial.Engine.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tutorial-modelfile-tests-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static Tensor<float> Inputs() => Tensor<float>.Normal(new Rng(42), 0, 1, 16, 2);

    /// <summary>Saves an Mlp(2, 4, 3) with seed 1 and returns the path.</summary>
    private string SavedMlp(string name = "mlp.tmodel")
    {
        string path = File(name);
        ModelFile.Save(TestModels.Mlp<float>(2, 4, 3, seed: 1), path);
        return path;
    }

    private static ModelFileException LoadFails<T>(Layer<T> model, string path) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var before = TestModels.Weights(model);
        var ex = Assert.Throws<ModelFileException>(() => ModelFile.Load(model, path));
        Assert.Equal(before, TestModels.Weights(model)); // never half-loaded
        Assert.Contains(path, ex.Message);
        Assert.Equal(path, ex.FilePath);
        return ex;
    }

    [Fact]
    public void SaveThenLoad_IntoAFreshModel_GivesBitwiseIdenticalWeightsAndPredictions()
    {
        var original = TestModels.Mlp<float>(2, 4, 3, seed: 1);
        string path = File("roundtrip.tmodel");
        ModelFile.Save(original, path);

        var restored = TestModels.Mlp<float>(2, 4, 3, seed: 99);
        Assert.NotEqual(TestModels.Weights(original), TestModels.Weights(restored));
        ModelFile.Load(restored, path);

        Assert.Equal(TestModels.Weights(original), TestModels.Weights(restored));
        Assert.Equal(original.Forward(Inputs()).ToArray(), restored.Forward(Inputs()).ToArray());
    }

    [Fact]
    public void SaveThenLoad_Double_RoundTripsExactly()
    {
        var original = TestModels.Mlp<double>(2, 5, 2, seed: 3);
        string path = File("double.tmodel");
        ModelFile.Save(original, path);
        var restored = TestModels.Mlp<double>(2, 5, 2, seed: 4);
        ModelFile.Load(restored, path);
        Assert.Equal(TestModels.Weights(original), TestModels.Weights(restored));
        Assert.Equal("float64", ModelFile.Inspect(path).ElementType);
    }

    [Fact]
    public void FileLayout_MatchesTheDocumentedFormat()
    {
        var model = TestModels.Mlp<float>(2, 4, 3, seed: 1);
        string path = File("layout.tmodel");
        ModelFile.Save(model, path, description: "demo");
        byte[] b = System.IO.File.ReadAllBytes(path);

        Assert.Equal("TUTMODEL"u8.ToArray(), b[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)));
        Assert.Equal((ulong)b.Length, BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(12)));
        Assert.Equal(1, b[20]); // float32
        Assert.Equal([0, 0, 0], b[21..24]);
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
        Assert.Equal("demo", Encoding.UTF8.GetString(b, 28, 4));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(32)));
        // First record: kind 0, name "0.weight", rank 2, dims (4, 2), then 8 floats equal to the weight.
        int o = 36;
        Assert.Equal(0, b[o]);
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(o + 1)));
        Assert.Equal("0.weight", Encoding.UTF8.GetString(b, o + 3, 8));
        Assert.Equal(2, b[o + 11]);
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(o + 12)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(o + 16)));
        var w = ((Linear<float>)model.Layers[0]).Weight.Value;
        for (int i = 0; i < 8; i++) Assert.Equal(w[i], BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(o + 20 + 4 * i)));
        // Size: header 28 + description 4 + count 4, records (1 + 2 + L + 1 + 4R + 4n), SHA-256 32.
        static int Record(string name, int rank, int n) => 1 + 2 + name.Length + 1 + 4 * rank + 4 * n;
        int records = Record("0.weight", 2, 8) + Record("0.bias", 1, 4) + Record("2.weight", 2, 12) + Record("2.bias", 1, 3);
        Assert.Equal(28 + 4 + 4 + records + 32, b.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(b.AsSpan(0, b.Length - 32)), b[^32..]);
    }

    [Fact]
    public void Inspect_ListsNamesKindsShapesAndDescription()
    {
        string path = SavedMlp();
        var info = ModelFile.Inspect(path);
        Assert.Equal(1, info.Version);
        Assert.Equal("float32", info.ElementType);
        Assert.Equal("Sequential(Linear(in: 2, out: 4), ReLU, Linear(in: 4, out: 3))", info.Description);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], info.Tensors.Select(t => t.Name));
        Assert.Equal(["(4, 2)", "(4,)", "(3, 4)", "(3,)"], info.Tensors.Select(t => t.Shape.ToString()));
        Assert.All(info.Tensors, t => Assert.Equal(TensorKind.Parameter, t.Kind));
        Assert.Equal(8 + 4 + 12 + 3, info.ElementCount);
        Assert.Equal(new FileInfo(path).Length, info.Length);
    }

    [Fact]
    public void ReadTensor_ReturnsTheStoredValuesAsDouble()
    {
        var model = TestModels.Mlp<float>(2, 4, 3, seed: 1);
        string path = File("read.tmodel");
        ModelFile.Save(model, path);
        var w = ModelFile.ReadTensor(path, "2.weight");
        Assert.Equal(new Shape(3, 4), w.Shape);
        Assert.Equal(((Linear<float>)model.Layers[2]).Weight.Value.ToArray().Select(v => (double)v), w.ToArray());
        var ex = Assert.Throws<ModelFileException>(() => ModelFile.ReadTensor(path, "9.weight"));
        Assert.Contains("no tensor named '9.weight'", ex.Message);
    }

    [Fact]
    public void TruncatedFile_FailsNamingTruncation_AndLeavesTheModelUnchanged()
    {
        string path = SavedMlp();
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        System.IO.File.WriteAllBytes(path, bytes[..(bytes.Length - 50)]);
        var ex = LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains($"says {bytes.Length} bytes, but it has {bytes.Length - 50}", ex.Message);

        System.IO.File.WriteAllBytes(path, bytes[..20]);
        Assert.Contains("truncated", LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path).Message);
    }

    [Fact]
    public void FlippedByte_FailsTheChecksum_AndLeavesTheModelUnchanged()
    {
        string path = SavedMlp();
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        bytes[bytes.Length - 32 - 5] ^= 0x10; // inside the last tensor's data
        System.IO.File.WriteAllBytes(path, bytes);
        var ex = LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path);
        Assert.Contains("checksum does not match", ex.Message);
        Assert.Contains("corrupted", ex.Message);
    }

    [Fact]
    public void WrongMagic_FailsAsNotAModelFile()
    {
        string path = File("notes.txt");
        System.IO.File.WriteAllText(path, "these are not weights, just some text that is long enough");
        var ex = LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path);
        Assert.Contains("not a model file", ex.Message);
        Assert.Contains("TUTMODEL", ex.Message);

        System.IO.File.WriteAllBytes(path, []);
        Assert.Contains("the file is empty", LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path).Message);
    }

    [Fact]
    public void NewerVersion_FailsAskingForAnUpdate()
    {
        string path = SavedMlp();
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        bytes[8] = 2;
        System.IO.File.WriteAllBytes(path, bytes);
        var ex = LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path);
        Assert.Contains("format version 2, newer than this library reads (version 1)", ex.Message);
    }

    [Fact]
    public void AppendedBytes_Fail()
    {
        string path = SavedMlp();
        System.IO.File.AppendAllText(path, "extra");
        Assert.Contains("longer than its header says", LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path).Message);
    }

    [Fact]
    public void DifferentArchitecture_FailsNamingEveryShapeMismatch()
    {
        string path = SavedMlp();
        var ex = LoadFails(TestModels.Mlp<float>(2, 5, 3, seed: 5), path);
        Assert.Contains("parameter '0.weight' has shape (4, 2), the model needs (5, 2)", ex.Message);
        Assert.Contains("parameter '0.bias' has shape (4,), the model needs (5,)", ex.Message);
        Assert.Contains("parameter '2.weight' has shape (3, 4), the model needs (3, 5)", ex.Message);
        Assert.DoesNotContain("'2.bias'", ex.Message);
        Assert.Contains("saved from Sequential(Linear(in: 2, out: 4), ReLU, Linear(in: 4, out: 3))", ex.Message);
    }

    [Fact]
    public void MissingParameter_Fails_AndSoDoesAnExtraOne()
    {
        var rng = new Rng(1);
        string withoutBias = File("nobias.tmodel");
        ModelFile.Save(new Sequential<float>(new Linear<float>(2, 3, rng, bias: false)), withoutBias);
        var ex = LoadFails(new Sequential<float>(new Linear<float>(2, 3, new Rng(2))), withoutBias);
        Assert.Contains("parameter '0.bias' of shape (3,) is missing", ex.Message);

        string withBias = File("bias.tmodel");
        ModelFile.Save(new Sequential<float>(new Linear<float>(2, 3, rng)), withBias);
        var ex2 = LoadFails(new Sequential<float>(new Linear<float>(2, 3, new Rng(2), bias: false)), withBias);
        Assert.Contains("parameter '0.bias' of shape (3,) is not in the model", ex2.Message);
    }

    [Fact]
    public void WrongElementType_Fails()
    {
        string path = SavedMlp();
        var ex = LoadFails(TestModels.Mlp<double>(2, 4, 3, seed: 5), path);
        Assert.Contains("holds float32 values but the model uses float64", ex.Message);
    }

    [Fact]
    public void MissingFile_Fails()
    {
        string path = File("nothing-here.tmodel");
        Assert.Contains("does not exist", LoadFails(TestModels.Mlp<float>(2, 4, 3, seed: 5), path).Message);
    }

    [Fact]
    public void Save_ReplacesAnExistingFile_AndLeavesNoTemporaryFiles()
    {
        string path = File("model.tmodel");
        ModelFile.Save(TestModels.Mlp<float>(2, 4, 3, seed: 1), path);
        var second = TestModels.Mlp<float>(2, 4, 3, seed: 2);
        ModelFile.Save(second, path);
        Assert.Equal([path], Directory.GetFiles(_dir));

        var loaded = TestModels.Mlp<float>(2, 4, 3, seed: 3);
        ModelFile.Load(loaded, path);
        Assert.Equal(TestModels.Weights(second), TestModels.Weights(loaded));
    }

    [Fact]
    public void Save_IntoAMissingDirectory_Throws_AndCreatesNothing()
    {
        string path = Path.Combine(_dir, "no", "such", "dir", "m.tmodel");
        Assert.ThrowsAny<IOException>(() => ModelFile.Save(TestModels.Mlp<float>(2, 4, 3, seed: 1), path));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
