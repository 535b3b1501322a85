using System.Buffers.Binary;
using System.IO.Compression;

namespace Tutorial.Data.Tests;

/// <summary>A fresh folder under the system temp path, deleted on Dispose; helpers write test files into it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tutorial-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] bytes)
    {
        string p = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    public string WriteText(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteGzip(string name, byte[] bytes) => Write(name, Gzip(bytes));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }

    /// <summary>An IDX image file: magic 0x00000803, N, rows, cols (big-endian), then the pixels.</summary>
    public static byte[] IdxImages(int count, int rows, int cols, byte[] pixels, uint magic = 0x00000803)
    {
        var b = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, magic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), cols);
        pixels.CopyTo(b, 16);
        return b;
    }

    /// <summary>An IDX label file: magic 0x00000801, N (big-endian), then the labels.</summary>
    public static byte[] IdxLabels(byte[] labels, int? count = null, uint magic = 0x00000801)
    {
        var b = new byte[8 + labels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, magic);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), count ?? labels.Length);
        labels.CopyTo(b, 8);
        return b;
    }
}
