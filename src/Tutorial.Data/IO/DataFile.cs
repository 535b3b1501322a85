using System.Buffers.Binary;
using System.IO.Compression;

namespace Tutorial.Data.IO;

/// <summary>
/// Reads a whole data file into memory, gunzipping it when it is gzip (recognised by its first two
/// bytes 1F 8B, whatever the file is called), so every reader accepts <c>x.gz</c> and <c>x</c> alike.
/// </summary>
/// <remarks>
/// .NET's GZipStream stops quietly at the end of a truncated file and returns what it could
/// decompress, so a half-downloaded file would read as a shorter one. To never hand out such a
/// partial read, the decompressed bytes are checked against the gzip trailer (CRC-32 and length
/// mod 2³², the last 8 bytes of the file). A file of several concatenated gzip members is
/// therefore not accepted (its trailer describes only the last member); none of the usual data
/// files is written that way.
/// </remarks>
public static class DataFile
{
    /// <summary>True when the file starts with the gzip magic bytes 1F 8B.</summary>
    public static bool IsGzip(string path)
    {
        using var stream = Open(path);
        return stream.ReadByte() == 0x1F && stream.ReadByte() == 0x8B;
    }

    /// <summary>The file's bytes, decompressed when it is gzip. Throws <see cref="DataFormatException"/> for corrupt or truncated gzip data.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        byte[] raw;
        using (var stream = Open(path))
        {
            raw = new byte[stream.Length];
            stream.ReadExactly(raw);
        }
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return raw;
        return Gunzip(raw, path);
    }

    /// <summary>The file as text (UTF-8, BOM skipped), decompressed when it is gzip.</summary>
    public static string ReadAllText(string path)
    {
        byte[] bytes = ReadAllBytes(path);
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new DataFormatException(path, $"the file is not valid UTF-8 text (byte offset {e.Index}).", e);
        }
    }

    private static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file (working directory: {Environment.CurrentDirectory}).", path);
        return File.OpenRead(path);
    }

    private static byte[] Gunzip(byte[] raw, string path)
    {
        // Smallest gzip file: 10-byte header + an empty deflate block (2 bytes) + 8-byte trailer.
        if (raw.Length < 20)
            throw new DataFormatException(path, $"the gzip data is truncated: the file holds only {raw.Length} bytes, less than the 20 of even an empty gzip file.");
        byte[] data;
        try
        {
            using var gz = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream(capacity: (int)Math.Min(raw.Length * 4L, Array.MaxLength / 2));
            gz.CopyTo(output);
            data = output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"the gzip data is corrupt ({e.Message}).", e);
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 8));
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4));
        if (size != unchecked((uint)data.Length) || crc != Crc32.Compute(data))
            throw new DataFormatException(path,
                $"the gzip data is truncated or corrupt: its trailer records {size:N0} bytes with CRC-32 0x{crc:X8}, " +
                $"but {data.Length:N0} bytes with CRC-32 0x{Crc32.Compute(data):X8} were decompressed.");
        return data;
    }
}
