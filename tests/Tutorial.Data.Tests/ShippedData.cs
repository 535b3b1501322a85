namespace Tutorial.Data.Tests;

/// <summary>The repository's datasets/ folder, found upward from the test assembly (no copy needed).</summary>
internal static class ShippedData
{
    public static string Root { get; } = Datasets.FindRoot(null, [AppContext.BaseDirectory]);

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
