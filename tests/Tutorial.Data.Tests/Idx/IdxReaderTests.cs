using Tutorial.Data.Idx;

namespace Tutorial.Data.Tests.Idx;

public class IdxReaderTests
{
    private static readonly byte[] TwoImages = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]; // 2 images of 2×3

    [Fact]
    public void ReadImages_ShippedMnistTrain_HasRealHeaderAndPixels()
    {
        var images = IdxReader.ReadImages(ShippedData.PathOf("mnist", "train-images-idx3-ubyte.gz"));
        Assert.Equal(8000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Cols);
        long total = 0;
        foreach (byte b in images.Pixels) total += b;
        Assert.Equal(209_771_497L, total);
        long first = 0;
        foreach (byte b in images.Pixels[..784]) first += b;
        Assert.Equal(19_934L, first);
        Assert.Equal(97, images.Pixel(0, 14, 14));
        Assert.Equal(0, images.Pixel(0, 0, 0));
    }

    [Fact]
    public void ReadLabels_ShippedMnist_FirstLabelsAndClassCounts()
    {
        int[] train = IdxReader.ReadLabels(ShippedData.PathOf("mnist", "train-labels-idx1-ubyte.gz"));
        Assert.Equal(8000, train.Length);
        Assert.Equal([8, 4, 8, 1, 4, 4, 7, 8, 2, 0], train[..10]);
        Assert.Equal([817, 899, 783, 826, 774, 694, 827, 879, 740, 761], Enumerable.Range(0, 10).Select(c => train.Count(l => l == c)));

        int[] test = IdxReader.ReadLabels(ShippedData.PathOf("mnist", "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal(2000, test.Length);
        Assert.Equal([7, 4, 4, 0, 2, 0, 8, 3, 4, 0], test[..10]);
    }

    [Fact]
    public void ReadImages_GzippedAndPlain_GiveTheSamePixels()
    {
        using var dir = new TempFolder();
        byte[] file = TempFolder.IdxImages(2, 2, 3, TwoImages);
        var plain = IdxReader.ReadImages(dir.Write("a-images-idx3-ubyte", file));
        var gz = IdxReader.ReadImages(dir.WriteGzip("b-images-idx3-ubyte.gz", file));
        Assert.Equal(TwoImages, plain.Pixels.ToArray());
        Assert.Equal(TwoImages, gz.Pixels.ToArray());
        Assert.Equal((2, 2, 3), (gz.Count, gz.Rows, gz.Cols));
        Assert.Equal(255, gz.Pixel(1, 1, 2));
    }

    [Fact]
    public void ToTensor_ScalesBytesToUnitRange_InBothLayouts()
    {
        using var dir = new TempFolder();
        var images = IdxReader.ReadImages(dir.Write("x", TempFolder.IdxImages(2, 2, 3, TwoImages)));

        var nchw = images.ToTensor<double>(ImageLayout.Nchw);
        Assert.Equal([2, 1, 2, 3], nchw.Shape.Dims);
        Assert.Equal(0.0, nchw[0, 0, 0, 0]);
        Assert.Equal(5 / 255.0, nchw[0, 0, 1, 2]);
        Assert.Equal(1.0, nchw[1, 0, 1, 2]);

        var flat = images.ToTensor<float>(ImageLayout.Flat);
        Assert.Equal([2, 6], flat.Shape.Dims);
        Assert.Equal(250f / 255f, flat[1, 0]);
        Assert.Equal(1f, flat[1, 5]);
    }

    [Fact]
    public void ReadImages_BadMagic_NamesFileAndMagic()
    {
        using var dir = new TempFolder();
        string path = dir.Write("bad-images", TempFolder.IdxImages(2, 2, 3, TwoImages, magic: 0x12345678));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": bad magic number 0x12345678", e.Message);
        Assert.Contains("0x00000803", e.Message);
        Assert.Contains("not an IDX file", e.Message);
    }

    [Fact]
    public void ReadImages_GivenALabelFile_SaysItIsALabelFile()
    {
        using var dir = new TempFolder();
        string path = dir.WriteGzip("train-labels-idx1-ubyte.gz", TempFolder.IdxLabels([1, 2, 3]));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("bad magic number 0x00000801", e.Message);
        Assert.Contains("this is an IDX label file, not an image file", e.Message);
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
    }

    [Fact]
    public void ReadLabels_GivenAnImageFile_SaysItIsAnImageFile()
    {
        using var dir = new TempFolder();
        string path = dir.Write("imgs", TempFolder.IdxImages(2, 2, 3, TwoImages));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("bad magic number 0x00000803", e.Message);
        Assert.Contains("this is an IDX image file, not a label file", e.Message);
    }

    [Fact]
    public void ReadImages_HeaderPromisesMoreImagesThanTheFileHolds_FailsNamingBothCounts()
    {
        using var dir = new TempFolder();
        // The header says 3 images of 2×3 (18 bytes), the file holds 2 (12 bytes).
        string path = dir.WriteGzip("short-images.gz", TempFolder.IdxImages(3, 2, 3, TwoImages));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("header says 3 images of 2×3 (18 pixel bytes)", e.Message);
        Assert.Contains("holds only 12 bytes", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ReadImages_MoreBytesThanTheHeaderDescribes_FailsAsWrongLength()
    {
        using var dir = new TempFolder();
        string path = dir.Write("long-images", TempFolder.IdxImages(1, 2, 3, TwoImages));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("wrong length", e.Message);
        Assert.Contains("(6 too many)", e.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedData_FailsNamingTheCount()
    {
        using var dir = new TempFolder();
        string path = dir.Write("labels", TempFolder.IdxLabels([1, 2, 3], count: 5));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("header says 5 labels (5 bytes), but the file holds only 3 bytes", e.Message);
    }

    [Fact]
    public void ReadImages_TruncatedHeader_Fails()
    {
        using var dir = new TempFolder();
        byte[] full = TempFolder.IdxImages(2, 2, 3, TwoImages);
        string path = dir.Write("cut", full[..10]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("the header is truncated: 3 dimensions need 16 header bytes, but the file holds 10", e.Message);

        string tiny = dir.Write("tiny", [0, 0]);
        var e2 = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(tiny));
        Assert.Contains("holds only 2 bytes, too short for an IDX header", e2.Message);
    }

    [Fact]
    public void ReadImages_TruncatedGzipOfTheShippedFile_FailsInsteadOfReadingPart()
    {
        using var dir = new TempFolder();
        byte[] gz = File.ReadAllBytes(ShippedData.PathOf("mnist", "t10k-images-idx3-ubyte.gz"));
        string path = dir.Write("t10k-images-idx3-ubyte.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ReadImages_MissingFile_NamesIt()
    {
        using var dir = new TempFolder();
        string path = dir.File("nope-images-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadLabeled_CountsDiffer_NamesBothFiles()
    {
        using var dir = new TempFolder();
        string images = dir.Write("i", TempFolder.IdxImages(2, 2, 3, TwoImages));
        string labels = dir.Write("l", TempFolder.IdxLabels([1, 2, 3]));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabeled<float>(images, labels, ["a", "b", "c", "d"]));
        Assert.Equal(labels, e.FilePath);
        Assert.Contains("holds 3 labels, but the image file " + images + " holds 2 images", e.Message);
    }

    [Fact]
    public void ReadLabeled_LabelBeyondTheClasses_Fails()
    {
        using var dir = new TempFolder();
        string images = dir.Write("i", TempFolder.IdxImages(2, 2, 3, TwoImages));
        string labels = dir.Write("l", TempFolder.IdxLabels([1, 7]));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabeled<float>(images, labels, ["a", "b", "c"]));
        Assert.Contains("label 7 of sample 1 is not a class index in 0 … 2", e.Message);
    }

    [Fact]
    public void ReadLabeled_SmallFiles_GiveImagesLabelsAndTargets()
    {
        using var dir = new TempFolder();
        string images = dir.WriteGzip("i.gz", TempFolder.IdxImages(2, 2, 3, TwoImages));
        string labels = dir.WriteGzip("l.gz", TempFolder.IdxLabels([2, 0]));
        var data = IdxReader.ReadLabeled<double>(images, labels, ["a", "b", "c"], ImageLayout.Flat);
        Assert.Equal([2, 6], data.X.Shape.Dims);
        Assert.Equal([2, 0], data.LabelArray());
        Assert.Equal([2.0, 0.0], data.Y.ToArray());
        Assert.Equal("c", data.ClassNameOf(0));
    }
}
