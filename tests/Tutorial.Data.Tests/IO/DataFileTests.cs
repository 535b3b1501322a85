using System.Text;
using Tutorial.Data.IO;

namespace Tutorial.Data.Tests.IO;

public class DataFileTests
{
    [Fact]
    public void Crc32_OfTheStandardCheckString_Is0xCBF43926() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void ReadAllBytes_RecognisesGzipByContent_NotByName()
    {
        using var dir = new TempFolder();
        byte[] payload = Encoding.ASCII.GetBytes("hello, gzip");
        string gzNoExtension = dir.WriteGzip("data.bin", payload);
        string plainWithGzName = dir.Write("plain.gz", payload);
        Assert.True(DataFile.IsGzip(gzNoExtension));
        Assert.False(DataFile.IsGzip(plainWithGzName));
        Assert.Equal(payload, DataFile.ReadAllBytes(gzNoExtension));
        Assert.Equal(payload, DataFile.ReadAllBytes(plainWithGzName));
    }

    [Fact]
    public void ReadAllBytes_GzipCutBeforeItsTrailer_FailsNamingTheFile()
    {
        using var dir = new TempFolder();
        byte[] gz = TempFolder.Gzip(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcdefgh", 500))));
        // Cut off the 8-byte trailer and a little more: .NET's GZipStream alone would return the partial text silently.
        string path = dir.Write("cut.gz", gz[..^10]);
        var e = Assert.Throws<DataFormatException>(() => DataFile.ReadAllBytes(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": the gzip data is truncated or corrupt", e.Message);
    }

    [Fact]
    public void ReadAllBytes_GzipWithAFlippedCrcByte_Fails()
    {
        using var dir = new TempFolder();
        byte[] gz = TempFolder.Gzip(Encoding.ASCII.GetBytes("some text to compress, some text to compress"));
        gz[^6] ^= 0xFF;
        string path = dir.Write("crc.gz", gz);
        var e = Assert.Throws<DataFormatException>(() => DataFile.ReadAllBytes(path));
        Assert.Contains("gzip data is", e.Message);
        Assert.Contains("crc.gz", e.Message);
    }

    [Fact]
    public void ReadAllBytes_TinyGzipFragment_FailsAsTruncated()
    {
        using var dir = new TempFolder();
        string path = dir.Write("tiny.gz", [0x1F, 0x8B, 0x08, 0x00]);
        var e = Assert.Throws<DataFormatException>(() => DataFile.ReadAllBytes(path));
        Assert.Contains("the gzip data is truncated: the file holds only 4 bytes", e.Message);
    }

    [Fact]
    public void ReadAllText_InvalidUtf8_FailsNamingTheFile()
    {
        using var dir = new TempFolder();
        string path = dir.Write("latin1.txt", [0x61, 0xE9, 0x62]);
        var e = Assert.Throws<DataFormatException>(() => DataFile.ReadAllText(path));
        Assert.Contains("not valid UTF-8", e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void ReadAllText_SkipsAByteOrderMark()
    {
        using var dir = new TempFolder();
        string path = dir.Write("bom.txt", [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']);
        Assert.Equal("hi", DataFile.ReadAllText(path));
    }
}
