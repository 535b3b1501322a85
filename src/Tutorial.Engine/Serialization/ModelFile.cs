using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Serialization;

/// <summary>
/// Saves and loads a model's parameters and buffers in a small, versioned, checksummed binary format
/// (described for people in docs/model-format.md). The file holds numbers only; the code that builds the
/// architecture builds it again, and <see cref="Load{T}"/> fills it in.
/// <para>Layout of format version 1. Every integer and element is little-endian.</para>
/// <code>
/// offset  size   field
///      0     8   magic: the ASCII bytes "TUTMODEL"
///      8     4   u32 format version (1)
///     12     8   u64 length of the whole file in bytes, checksum included
///     20     1   u8 element type: 1 = float32 (IEEE 754 binary32), 2 = float64 (binary64)
///     21     3   reserved, zero
///     24     4   u32 D, the description's length in bytes
///     28     D   description, UTF-8 (the model's ToString() unless given; informational, not checked)
///   28+D     4   u32 K, the number of tensors
///                K tensor records, in the model's order (parameters, then buffers):
///                  1     u8 kind: 0 = parameter, 1 = buffer
///                  2     u16 L, the name's length in bytes
///                  L     name, UTF-8 (e.g. "0.weight")
///                  1     u8 R, the rank (0 … 8)
///                  4·R   i32 dimensions, outermost first
///                  s·n   the elements, row-major; s = 4 or 8 bytes, n = product of the dimensions
///   end−32   32   SHA-256 of every byte before it
/// </code>
/// <para><b>Saving</b> writes the whole file to a temporary file in the same directory, flushes it to disk and
/// renames it over the target, so a crash or full disk never leaves a half-written model file under the real name.</para>
/// <para><b>Loading</b> checks everything before changing the model: magic, version, the stated length against the
/// file's (truncation), the checksum (corruption), the structure, the element type, and that the file has exactly
/// the model's tensor names with the same shapes. Only then are values copied, so a bad file leaves the model
/// untouched and raises a <see cref="ModelFileException"/> naming the file and every problem found.</para>
/// </summary>
public static class ModelFile
{
    /// <summary>The first eight bytes of every model file.</summary>
    public static ReadOnlySpan<byte> Magic => "TUTMODEL"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The conventional file extension.</summary>
    public const string Extension = ".tmodel";

    private const int HashLength = 32;
    private const int FixedHeaderLength = 28; // magic, version, length, element type, reserved, description length
    private const int MaxRank = 8;

    /// <summary>Writes the model's parameters and buffers to <paramref name="path"/> (atomically replacing any existing file).</summary>
    public static void Save<T>(Layer<T> model, string path, string? description = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Serialize(ModelState.Tensors(model), description ?? model.ToString() ?? "");
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Fills <paramref name="model"/>'s parameters and buffers from <paramref name="path"/> after verifying the whole file
    /// and that it matches the model; on any problem throws <see cref="ModelFileException"/> and leaves the model unchanged.
    /// </summary>
    public static void Load<T>(Layer<T> model, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ReadAllBytes(path);
        var info = Parse(bytes, path);

        int elementType = ElementTypeCode<T>();
        if (ElementTypeName(elementType) != info.ElementType)
            throw new ModelFileException(path, $"the file holds {info.ElementType} values but the model uses {ElementTypeName(elementType)}; load it into a model of the matching element type.");

        var targets = ModelState.Tensors(model);
        var problems = ModelState.Compare(targets, info.Tensors.Select(t => (t.Name, t.Kind, t.Shape)).ToList());
        if (problems.Count > 0)
        {
            string saved = info.Description.Length > 0 ? $" The file was saved from {info.Description}." : "";
            throw new ModelFileException(path, $"it does not match {model}: {string.Join("; ", problems)}.{saved}");
        }

        // Everything checked: now copy.
        var byName = info.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var target in targets)
            ReadElements(bytes.AsSpan(checked((int)byName[target.Name].DataOffset)), target.Tensor.Span);
    }

    /// <summary>Verifies a model file and lists what it holds, without a model.</summary>
    public static ModelFileInfo Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(ReadAllBytes(path), path);
    }

    /// <summary>
    /// Reads one stored tensor's values as double (whatever the stored element type), after verifying the file.
    /// Useful for looking at saved weights in a notebook.
    /// </summary>
    public static Tensor<double> ReadTensor(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(name);
        byte[] bytes = ReadAllBytes(path);
        var info = Parse(bytes, path);
        var entry = info.Tensors.FirstOrDefault(t => t.Name == name)
            ?? throw new ModelFileException(path, $"it has no tensor named '{name}' (it has: {string.Join(", ", info.Tensors.Select(t => t.Name))}).");
        var result = new Tensor<double>(entry.Shape);
        var data = bytes.AsSpan(checked((int)entry.DataOffset));
        var dst = result.Span;
        if (info.ElementType == "float32")
            for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        else
            for (int i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
        return result;
    }

    // ---- writing ---------------------------------------------------------------------------

    private static byte[] Serialize<T>(IReadOnlyList<NamedTensor<T>> tensors, string description) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int elementType = ElementTypeCode<T>();
        int elementSize = ElementSize(elementType);
        byte[] descriptionBytes = Encoding.UTF8.GetBytes(description);

        long length = FixedHeaderLength + descriptionBytes.Length + 4L;
        var names = new byte[tensors.Count][];
        for (int i = 0; i < tensors.Count; i++)
        {
            names[i] = Encoding.UTF8.GetBytes(tensors[i].Name);
            if (names[i].Length > ushort.MaxValue) throw new ArgumentException($"The tensor name '{tensors[i].Name[..40]}…' is longer than {ushort.MaxValue} bytes.");
            if (tensors[i].Tensor.Rank > MaxRank) throw new ArgumentException($"Tensor '{tensors[i].Name}' has rank {tensors[i].Tensor.Rank}; the format stores at most {MaxRank}.");
            length += 1 + 2 + names[i].Length + 1 + 4L * tensors[i].Tensor.Rank + (long)elementSize * tensors[i].Tensor.Length;
        }
        length += HashLength;
        if (length > Array.MaxLength) throw new ArgumentException($"The model needs {length} bytes, more than one file of this format can hold in memory.");

        var bytes = new byte[length];
        var w = new SpanWriter(bytes);
        w.Bytes(Magic);
        w.U32(CurrentVersion);
        w.U64((ulong)length);
        w.U8((byte)elementType);
        w.Bytes([0, 0, 0]);
        w.U32((uint)descriptionBytes.Length);
        w.Bytes(descriptionBytes);
        w.U32((uint)tensors.Count);
        for (int i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            w.U8((byte)t.Kind);
            w.U16((ushort)names[i].Length);
            w.Bytes(names[i]);
            w.U8((byte)t.Tensor.Rank);
            foreach (int d in t.Tensor.Shape.Span) w.I32(d);
            var span = t.Tensor.Span;
            if (typeof(T) == typeof(float))
                foreach (var v in span) w.F32(float.CreateTruncating(v));
            else
                foreach (var v in span) w.F64(double.CreateTruncating(v));
        }
        SHA256.HashData(bytes.AsSpan(0, w.Position), bytes.AsSpan(w.Position, HashLength));
        return bytes;
    }

    // ---- reading ---------------------------------------------------------------------------

    private static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist." : e.Message, e);
        }
    }

    /// <summary>Verifies magic, version, length and checksum, then parses the structure. Throws on the first failed check.</summary>
    private static ModelFileInfo Parse(byte[] bytes, string path)
    {
        var magic = Magic;
        if (bytes.Length < magic.Length || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            string seen = bytes.Length == 0 ? "the file is empty" : $"it starts with {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}";
            throw new ModelFileException(path, $"it is not a model file: {seen}, but model files start with the bytes \"TUTMODEL\" ({Convert.ToHexString(magic)}).");
        }
        if (bytes.Length < FixedHeaderLength + HashLength)
            throw new ModelFileException(path, $"the file is truncated: it has {bytes.Length} bytes, fewer than the {FixedHeaderLength + HashLength} of an empty model file.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != CurrentVersion)
            throw new ModelFileException(path, version > CurrentVersion
                ? $"it uses format version {version}, newer than this library reads (version {CurrentVersion}); update the library."
                : $"it states format version {version}, which does not exist (this library reads version {CurrentVersion}).");
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(12));
        if (declared != (ulong)bytes.Length)
            throw new ModelFileException(path, declared > (ulong)bytes.Length
                ? $"the file is truncated: its header says {declared} bytes, but it has {bytes.Length}."
                : $"the file is longer than its header says ({bytes.Length} bytes instead of {declared}): something was appended or the header is damaged.");

        int body = bytes.Length - HashLength;
        Span<byte> computed = stackalloc byte[HashLength];
        SHA256.HashData(bytes.AsSpan(0, body), computed);
        if (!computed.SequenceEqual(bytes.AsSpan(body, HashLength)))
            throw new ModelFileException(path, $"the checksum does not match: the contents are corrupted (stored SHA-256 {Convert.ToHexString(bytes.AsSpan(body, 8))}…, computed {Convert.ToHexString(computed[..8])}…).");

        // The bytes are as written; still check the structure, so a file made by other code fails clearly.
        var r = new SpanReader(bytes.AsSpan(0, body), path);
        r.Skip(20);
        int elementType = r.U8();
        if (elementType is not (1 or 2)) throw new ModelFileException(path, $"element type code {elementType} is unknown (1 = float32, 2 = float64).");
        int elementSize = ElementSize(elementType);
        r.Skip(3);
        string description = r.Utf8((int)Math.Min(r.U32("description length"), int.MaxValue), "description");
        uint count = r.U32("tensor count");
        var entries = new List<ModelFileEntry>();
        for (uint i = 0; i < count; i++)
        {
            int kind = r.U8();
            if (kind is not (0 or 1)) throw new ModelFileException(path, $"tensor {i} has kind code {kind}; expected 0 (parameter) or 1 (buffer).");
            string name = r.Utf8(r.U16("name length"), $"the name of tensor {i}");
            int rank = r.U8();
            if (rank > MaxRank) throw new ModelFileException(path, $"tensor '{name}' has rank {rank}; the format stores at most {MaxRank}.");
            var dims = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                dims[d] = r.I32($"the shape of '{name}'");
                if (dims[d] < 0) throw new ModelFileException(path, $"tensor '{name}' has a negative dimension ({dims[d]}).");
                elements *= dims[d];
                if (elements > int.MaxValue) throw new ModelFileException(path, $"tensor '{name}' is too large ({string.Join(" × ", dims[..(d + 1)])} elements).");
            }
            long offset = r.Position;
            r.Skip(checked(elements * elementSize), $"the data of '{name}'");
            entries.Add(new ModelFileEntry(name, (TensorKind)kind, new Shape(dims), offset));
        }
        if (r.Remaining != 0) throw new ModelFileException(path, $"{r.Remaining} unexplained bytes follow the last tensor.");
        return new ModelFileInfo(path, (int)version, ElementTypeName(elementType), description, entries, bytes.Length);
    }

    private static void ReadElements<T>(ReadOnlySpan<byte> data, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]));
        else
            for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]));
    }

    private static int ElementTypeCode<T>() =>
        typeof(T) == typeof(float) ? 1 :
        typeof(T) == typeof(double) ? 2 :
        throw new NotSupportedException($"Model files store float32 or float64 values, not {typeof(T).Name}.");

    private static int ElementSize(int code) => code == 1 ? 4 : 8;

    private static string ElementTypeName(int code) => code == 1 ? "float32" : "float64";

    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        public int Position { get; private set; }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Position..]);
            Position += bytes.Length;
        }

        public void U8(byte v) => _buffer[Position++] = v;

        public void U16(ushort v)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], v);
            Position += 2;
        }

        public void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], v);
            Position += 4;
        }

        public void I32(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], v);
            Position += 4;
        }

        public void U64(ulong v)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer[Position..], v);
            Position += 8;
        }

        public void F32(float v)
        {
            BinaryPrimitives.WriteSingleLittleEndian(_buffer[Position..], v);
            Position += 4;
        }

        public void F64(double v)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer[Position..], v);
            Position += 8;
        }
    }

    /// <summary>Reads fields with bounds checks that name what was being read when the bytes ran out.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data, string path)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly string _path = path;
        public int Position { get; private set; }
        public readonly int Remaining => _data.Length - Position;

        private ReadOnlySpan<byte> Take(long count, string what)
        {
            if (count < 0 || count > Remaining)
                throw new ModelFileException(_path, $"the file is malformed: {what} needs {count} bytes at offset {Position}, but only {Remaining} remain before the checksum.");
            var s = _data.Slice(Position, (int)count);
            Position += (int)count;
            return s;
        }

        public void Skip(long count, string what = "the header") => Take(count, what);
        public byte U8() => Take(1, "a one-byte field")[0];
        public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));
        public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));
        public int I32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));
        public string Utf8(int length, string what) => Encoding.UTF8.GetString(Take(length, what));
    }
}
