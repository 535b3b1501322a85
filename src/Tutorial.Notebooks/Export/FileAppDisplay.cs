using System.Net;
using System.Runtime.CompilerServices;
using Tutorial.Notebooks.Display;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Notebooks.Export;

/// <summary>
/// What <c>display(x)</c> and a cell's final value become in a chapter exported as a file-based app
/// (<see cref="FileBasedAppExporter"/>; the app says <c>using static Tutorial.Notebooks.Export.FileAppDisplay;</c>).
/// The value is formatted exactly as in the notebook; its text/plain form is printed, and a rich form
/// is written to a file beside the app's .cs file: <c>chapter.display-3.html</c> (HTML: tables,
/// charts), <c>.png</c> or <c>.svg</c>. <c>Update</c> on the returned handle rewrites the same file.
/// </summary>
public static class FileAppDisplay
{
    private static int _count;
    private static readonly Lazy<bool> FormattersReady = new(() =>
    {
        // A notebook session registers the kit's formatters (tensors, metrics, charts) when it is
        // created; one session, never run, gives the exported app the very same formatting.
        _ = new ScriptSession();
        return true;
    });

    /// <summary>
    /// Shows <paramref name="value"/> (as <paramref name="mimeType"/> when given, e.g. "text/html"):
    /// text on the console, rich forms in files beside the app.
    /// </summary>
    public static FileAppDisplayHandle display(object? value, string? mimeType = null, [CallerFilePath] string sourceFile = "") =>
        Show(value, mimeType, sourceFile, Interlocked.Increment(ref _count));

    /// <summary>A cell's last expression: shown like <c>display</c> (a notebook shows it as the cell's result).</summary>
    public static void ShowResult<T>(Func<T> value, [CallerFilePath] string sourceFile = "") =>
        Show(value(), null, sourceFile, Interlocked.Increment(ref _count));

    /// <summary>A cell's last expression that has no value (a void call): just runs it.</summary>
    public static void ShowResult(Action action) => action();

    /// <summary>An awaited last expression with a value.</summary>
    public static async Task ShowResultAsync<T>(Func<Task<T>> value, [CallerFilePath] string sourceFile = "") =>
        Show(await value(), null, sourceFile, Interlocked.Increment(ref _count));

    /// <summary>An awaited last expression without a value.</summary>
    public static Task ShowResultAsync(Func<Task> action) => action();

    internal static FileAppDisplayHandle Show(object? value, string? mimeType, string sourceFile, int number)
    {
        _ = FormattersReady.Value;
        var bundle = mimeType is null ? Formatters.Format(value) : Formatters.Format(value, mimeType);
        Console.WriteLine(bundle.Get("text/plain"));
        string stem = string.IsNullOrEmpty(sourceFile)
            ? Path.Combine(Directory.GetCurrentDirectory(), "output")
            : Path.Combine(Path.GetDirectoryName(sourceFile)!, Path.GetFileNameWithoutExtension(sourceFile));
        string title = WebUtility.HtmlEncode($"{Path.GetFileName(stem)}, display {number}");
        if (bundle.Get("text/html") is { } html)
            Write($"{stem}.display-{number}.html",
                $"<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n{html}\n</body>\n</html>\n");
        else if (bundle.Get("text/markdown") is { } markdown)
            Write($"{stem}.display-{number}.md", markdown);
        if (bundle.Get("image/svg+xml") is { } svg) Write($"{stem}.display-{number}.svg", svg);
        if (bundle.Get("image/png") is { } png)
        {
            string file = $"{stem}.display-{number}.png";
            File.WriteAllBytes(file, Convert.FromBase64String(png));
            Console.WriteLine($"  [written to {file}]");
        }
        return new FileAppDisplayHandle(number, mimeType, sourceFile);
    }

    private static void Write(string file, string content)
    {
        File.WriteAllText(file, content);
        Console.WriteLine($"  [written to {file}]");
    }
}

/// <summary>What <see cref="FileAppDisplay.display"/> returns: <c>Update</c> shows a new value in the same place.</summary>
public sealed class FileAppDisplayHandle
{
    private readonly int _number;
    private readonly string? _mimeType;
    private readonly string _sourceFile;

    internal FileAppDisplayHandle(int number, string? mimeType, string sourceFile)
    {
        _number = number;
        _mimeType = mimeType;
        _sourceFile = sourceFile;
    }

    /// <summary>Prints the new value and rewrites the display's file.</summary>
    public void Update(object? value) => FileAppDisplay.Show(value, _mimeType, _sourceFile, _number);

    /// <summary>Prints the new value shown as <paramref name="mimeType"/> and rewrites the display's file.</summary>
    public void Update(object? value, string mimeType) => FileAppDisplay.Show(value, mimeType, _sourceFile, _number);
}
