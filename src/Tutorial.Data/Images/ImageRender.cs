using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Draws tensors as pictures (<see cref="RgbImage"/>, then <c>ToPng()</c> or <c>Save(path)</c>):
/// one image, a grid of images (a batch of digits), a filter bank (a convolution's weights) and
/// feature maps (a convolution's output).
/// <para>Values become colours by a <see cref="Normalization"/>: as they are (intensities in [0, 1]),
/// min–max stretched to gray, or symmetric about zero on the blue–white–red map. The statistics
/// (min, max, max|v|) are taken over the whole tensor, so tiles are comparable, or per tile, so
/// each tile uses the full range.</para>
/// <para>Layout of a grid: tiles of H × W pixels, each upscaled by <c>scale</c> (nearest neighbour),
/// in <c>columns</c> columns, with <c>padding</c> pixels of gray <c>padValue</c> around and between
/// them, so the picture is columns·(W·scale + padding) + padding pixels wide and
/// rows·(H·scale + padding) + padding high (tile n at row n / columns, column n % columns).</para>
/// </summary>
public static class ImageRender
{
    /// <summary>
    /// One image: (H, W) or (1, H, W) in gray, (3, H, W) in colour, each pixel a
    /// <paramref name="scale"/> × <paramref name="scale"/> block.
    /// </summary>
    public static RgbImage Image<T>(Tensor<T> image, Normalization normalization = Normalization.None, int scale = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var chw = ImageShape.WithChannels(image, "ImageRender.Image");
        var tile = Tile.From(chw, "ImageRender.Image");
        return Layout([tile], columns: 1, padding: 0, scale, normalization, perTile: true, padValue: 0);
    }

    /// <summary>
    /// A grid of images (N, 1, H, W), (N, 3, H, W) or (N, H, W), e.g. a batch of digits.
    /// <paramref name="columns"/> = 0 chooses ⌈√N⌉. With <paramref name="perImage"/> each image is
    /// normalised on its own (MinMax when <paramref name="normalization"/> is None).
    /// </summary>
    public static RgbImage Grid<T>(Tensor<T> images, int columns = 0, int padding = 1, int scale = 1,
        Normalization normalization = Normalization.None, bool perImage = false, double padValue = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        var batch = images.Rank == 3 ? images.Reshape(images.Shape[0], 1, images.Shape[1], images.Shape[2]) : images;
        if (batch.Rank != 4 || (batch.Shape[1] != 1 && batch.Shape[1] != 3))
            throw new ShapeMismatchException($"ImageRender.Grid: expected images (N, 1, H, W), (N, 3, H, W) or (N, H, W), got {images.Shape}.");
        var tiles = new List<Tile>();
        for (int n = 0; n < batch.Shape[0]; n++) tiles.Add(Tile.From(batch.Row(n), "ImageRender.Grid"));
        if (perImage && normalization == Normalization.None) normalization = Normalization.MinMax;
        return Layout(tiles, columns, padding, scale, normalization, perImage, padValue);
    }

    /// <summary>
    /// A convolution's filter bank (out, in, kH, kW): one tile per (output filter o, input channel i),
    /// filter o in row o and channel i in column i. A single-channel bank (out, 1, kH, kW) is laid out
    /// in ⌈√out⌉ columns instead, and with <paramref name="rgb"/> a three-channel bank draws each filter
    /// as one colour tile. Symmetric normalisation shows positive weights red and negative blue.
    /// </summary>
    public static RgbImage Filters<T>(Tensor<T> weights, Normalization normalization = Normalization.Symmetric,
        bool perFilter = false, bool rgb = false, int columns = 0, int padding = 1, int scale = 1, double padValue = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Rank != 4)
            throw new ShapeMismatchException($"ImageRender.Filters: expected weights (out, in, kH, kW), got {weights.Shape}.");
        int outCh = weights.Shape[0], inCh = weights.Shape[1];
        if (rgb && inCh != 3)
            throw new ShapeMismatchException($"ImageRender.Filters: colour filters need in = 3 channels, got weights {weights.Shape}.");

        var tiles = new List<Tile>();
        if (rgb || inCh == 1)
        {
            for (int o = 0; o < outCh; o++) tiles.Add(Tile.From(weights.Row(o), "ImageRender.Filters"));
        }
        else
        {
            for (int o = 0; o < outCh; o++)
                for (int i = 0; i < inCh; i++)
                    tiles.Add(Tile.From(weights.Row(o).SliceRows(i, 1), "ImageRender.Filters"));
            if (columns == 0) columns = inCh;
        }
        return Layout(tiles, columns, padding, scale, normalization, perFilter, padValue);
    }

    /// <summary>
    /// Feature maps (C, H, W) or (1, C, H, W): one gray tile per channel, in ⌈√C⌉ columns unless
    /// <paramref name="columns"/> says otherwise. By default each map is min–max stretched on its own
    /// (<paramref name="perMap"/>), so weak maps stay visible.
    /// </summary>
    public static RgbImage FeatureMaps<T>(Tensor<T> maps, Normalization normalization = Normalization.MinMax,
        bool perMap = true, int columns = 0, int padding = 1, int scale = 1, double padValue = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(maps);
        var chw = maps.Rank == 4 && maps.Shape[0] == 1 ? maps.Row(0) : maps;
        if (chw.Rank != 3)
            throw new ShapeMismatchException($"ImageRender.FeatureMaps: expected maps (C, H, W) or (1, C, H, W), got {maps.Shape}.");
        var tiles = new List<Tile>();
        for (int c = 0; c < chw.Shape[0]; c++) tiles.Add(Tile.From(chw.SliceRows(c, 1), "ImageRender.FeatureMaps"));
        return Layout(tiles, columns, padding, scale, normalization, perMap, padValue);
    }

    // ---- layout ----------------------------------------------------------------------------

    /// <summary>One tile's values as doubles, planar (C, H, W) with C = 1 or 3.</summary>
    private sealed record Tile(double[] Values, int Channels, int Height, int Width)
    {
        public static Tile From<T>(Tensor<T> chw, string what) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (chw.Rank != 3 || (chw.Shape[0] != 1 && chw.Shape[0] != 3))
                throw new ShapeMismatchException($"{what}: a tile needs 1 or 3 channels (C, H, W), got {chw.Shape}.");
            var values = new double[chw.Length];
            var s = chw.Span;
            for (int i = 0; i < values.Length; i++) values[i] = double.CreateChecked(s[i]);
            return new Tile(values, chw.Shape[0], chw.Shape[1], chw.Shape[2]);
        }
    }

    /// <summary>The statistics a <see cref="Normalization"/> needs, and the mapping from values to colours.</summary>
    private readonly record struct ValueScale(Normalization Mode, double Min, double Max, double MaxAbs)
    {
        public static ValueScale Of(Normalization mode, IEnumerable<Tile> tiles)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var t in tiles)
                foreach (double v in t.Values)
                {
                    if (double.IsNaN(v)) continue;
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
            if (min > max) min = max = 0; // no values (or only NaN)
            return new ValueScale(mode, min, max, Math.Max(Math.Abs(min), Math.Abs(max)));
        }

        /// <summary>The value as a level in [0, 1] (MinMax, None) or [−1, 1] (Symmetric).</summary>
        private double Level(double v) => Mode switch
        {
            Normalization.MinMax => Max > Min ? (v - Min) / (Max - Min) : 0,
            Normalization.Symmetric => MaxAbs > 0 ? v / MaxAbs : 0,
            _ => v,
        };

        public (byte R, byte G, byte B) Color(double v) =>
            Mode == Normalization.Symmetric ? ColorMap.BlueWhiteRed(Level(v)) : ColorMap.Gray(Level(v));

        public byte Channel(double v) =>
            Mode == Normalization.Symmetric ? ImageShape.Quantize((Level(v) + 1) / 2) : ImageShape.Quantize(Level(v));
    }

    private static RgbImage Layout(IReadOnlyList<Tile> tiles, int columns, int padding, int scale,
        Normalization normalization, bool perTile, double padValue)
    {
        if (tiles.Count == 0) throw new ArgumentException("ImageRender: there is nothing to draw (no images).");
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), $"ImageRender: scale must be ≥ 1, got {scale}.");
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        int h = tiles[0].Height, w = tiles[0].Width;
        if (h == 0 || w == 0) throw new ArgumentException("ImageRender: cannot draw empty images (0 pixels).");

        int cols = columns > 0 ? Math.Min(columns, tiles.Count) : (int)Math.Ceiling(Math.Sqrt(tiles.Count));
        int rows = (tiles.Count + cols - 1) / cols;
        int tileW = w * scale, tileH = h * scale;
        var picture = new RgbImage(cols * (tileW + padding) + padding, rows * (tileH + padding) + padding);
        picture.FillRect(0, 0, picture.Width, picture.Height, ColorMap.Gray(padValue));

        var shared = ValueScale.Of(normalization, tiles);
        for (int n = 0; n < tiles.Count; n++)
        {
            var tile = tiles[n];
            var valueScale = perTile ? ValueScale.Of(normalization, [tile]) : shared;
            int x0 = padding + (n % cols) * (tileW + padding);
            int y0 = padding + (n / cols) * (tileH + padding);
            int plane = h * w;
            for (int i = 0; i < h; i++)
            {
                for (int j = 0; j < w; j++)
                {
                    int k = i * w + j;
                    var color = tile.Channels == 1
                        ? valueScale.Color(tile.Values[k])
                        : (valueScale.Channel(tile.Values[k]), valueScale.Channel(tile.Values[plane + k]), valueScale.Channel(tile.Values[2 * plane + k]));
                    picture.FillRect(x0 + j * scale, y0 + i * scale, scale, scale, color);
                }
            }
        }
        return picture;
    }
}
