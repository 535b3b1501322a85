using System.Buffers.Binary;
using System.Numerics;
using Tutorial.Data.IO;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Idx;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzipped or not, so the full 60,000-image files
/// can be dropped in place of the shipped subsets.
/// <code>
/// magic   4 bytes: 0x00 0x00, element type (0x08 = unsigned byte), number of dimensions
/// dims    one big-endian int32 per dimension
/// data    the elements, row-major, last dimension fastest
///
/// images  magic 0x00000803, dims N, rows, cols, then N·rows·cols pixel bytes (0 = background … 255 = ink)
/// labels  magic 0x00000801, dim  N,             then N label bytes
/// </code>
/// Every check runs before anything is returned: a bad magic number, a truncated header, a header
/// that promises more bytes than the file holds (or fewer than it holds) all throw a
/// <see cref="DataFormatException"/> naming the file and the problem; there is no partial read.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX image file: unsigned bytes, 3 dimensions.</summary>
    public const uint ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX label file: unsigned bytes, 1 dimension.</summary>
    public const uint LabelsMagic = 0x00000801;

    /// <summary>Reads an IDX image file (<c>*-images-idx3-ubyte</c>, optionally <c>.gz</c>).</summary>
    public static IdxImages ReadImages(string path)
    {
        byte[] bytes = DataFile.ReadAllBytes(path);
        int[] dims = ReadHeader(bytes, path, ImagesMagic, "image");
        int n = dims[0], rows = dims[1], cols = dims[2];
        if (rows <= 0 || cols <= 0)
            throw new DataFormatException(path, $"header says images of {rows}×{cols} pixels; both sizes must be positive.");
        int header = 16;
        long expected = (long)n * rows * cols;
        CheckLength(bytes, path, header, expected, $"{n} images of {rows}×{cols} ({expected:N0} pixel bytes)");
        if (expected > Array.MaxLength)
            throw new DataFormatException(path, $"header says {n} images of {rows}×{cols}, more than one array can hold.");
        return new IdxImages(n, rows, cols, bytes.AsSpan(header, (int)expected).ToArray(), path);
    }

    /// <summary>Reads an IDX label file (<c>*-labels-idx1-ubyte</c>, optionally <c>.gz</c>): one class index per sample.</summary>
    public static int[] ReadLabels(string path)
    {
        byte[] bytes = DataFile.ReadAllBytes(path);
        int[] dims = ReadHeader(bytes, path, LabelsMagic, "label");
        int n = dims[0];
        CheckLength(bytes, path, 8, n, $"{n} labels ({n:N0} bytes)");
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = bytes[8 + i];
        return labels;
    }

    /// <summary>
    /// Reads an image file and its label file into a dataset: images scaled to [0, 1] in the given
    /// layout, labels checked to be fewer than <paramref name="classNames"/>.Count and as many as the images.
    /// </summary>
    public static LabeledDataset<T> ReadLabeled<T>(string imagesPath, string labelsPath, IReadOnlyList<string> classNames,
        ImageLayout layout = ImageLayout.Nchw, string? name = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
            throw new DataFormatException(labelsPath, $"holds {labels.Length} labels, but the image file {imagesPath} holds {images.Count} images; they must match.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classNames.Count)
                throw new DataFormatException(labelsPath, $"label {labels[i]} of sample {i} is not a class index in 0 … {classNames.Count - 1}.");
        return new LabeledDataset<T>(images.ToTensor<T>(layout), labels, classNames, name: name ?? Path.GetFileName(imagesPath));
    }

    /// <summary>Checks the magic number and returns the dimensions of the header.</summary>
    private static int[] ReadHeader(byte[] bytes, string path, uint expectedMagic, string kind)
    {
        int rank = (int)(expectedMagic & 0xFF);
        string expectation = $"an IDX {kind} file starts with 0x{expectedMagic:X8} (unsigned bytes, {rank} dimension{(rank == 1 ? "" : "s")})";
        if (bytes.Length < 4)
            throw new DataFormatException(path, $"the file holds only {bytes.Length} bytes, too short for an IDX header; {expectation}.");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw new DataFormatException(path, $"bad magic number 0x{magic:X8}: {expectation}{Hint(magic)}.");
        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new DataFormatException(path, $"the header is truncated: {rank} dimension{(rank == 1 ? "" : "s")} need {headerLength} header bytes, but the file holds {bytes.Length}.");
        var dims = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dims[d] < 0) throw new DataFormatException(path, $"header dimension {d} is negative ({dims[d]}).");
        }
        return dims;
    }

    private static string Hint(uint magic)
    {
        if (magic == ImagesMagic) return "; this is an IDX image file, not a label file";
        if (magic == LabelsMagic) return "; this is an IDX label file, not an image file";
        if ((magic & 0xFFFF0000) != 0) return "; the first two bytes must be zero, so this is not an IDX file";
        return $"; this IDX file holds element type 0x{(magic >> 8) & 0xFF:X2} in {magic & 0xFF} dimensions";
    }

    private static void CheckLength(byte[] bytes, string path, int header, long expected, string what)
    {
        long actual = bytes.Length - header;
        if (actual < expected)
            throw new DataFormatException(path, $"header says {what}, but the file holds only {actual:N0} bytes after the {header}-byte header: it is truncated or the header is wrong.");
        if (actual > expected)
            throw new DataFormatException(path, $"wrong length: header says {what}, but the file holds {actual:N0} bytes after the {header}-byte header ({actual - expected:N0} too many).");
    }
}
