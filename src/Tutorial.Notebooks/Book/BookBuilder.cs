using System.Net;
using System.Reflection;
using System.Text;
using Tutorial.Notebooks.Execution;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Book;

/// <summary>What to build and where.</summary>
public sealed record BookOptions
{
    /// <summary>Folder of chapter notebooks (its top-level *.ipynb files, in name order).</summary>
    public required string NotebooksDirectory { get; init; }

    /// <summary>Folder the HTML book is written to (created; existing pages are replaced).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Run every chapter first and write its outputs back into the notebook.</summary>
    public bool Execute { get; init; } = true;

    /// <summary>How chapters are run.</summary>
    public RunOptions Run { get; init; } = new();

    /// <summary>The book's title on the index page.</summary>
    public string Title { get; init; } = "Deep learning from scratch, in C#";

    /// <summary>The folder holding vendored plotly.js and KaTeX; found by walking up from the notebooks when null.</summary>
    public string? VendorDirectory { get; init; }
}

/// <summary>One chapter of a built book.</summary>
public sealed record BookChapter(string Notebook, string Page, string Title, NotebookRunResult? Run);

/// <summary>The built book.</summary>
public sealed record BookResult(string OutputDirectory, IReadOnlyList<BookChapter> Chapters)
{
    public bool Succeeded => Chapters.All(c => c.Run is null || c.Run.Succeeded);
}

/// <summary>
/// Builds the static HTML book: runs each chapter (writing outputs back into its .ipynb), renders a
/// page per chapter and an index, and copies the assets the pages need (plotly.js and KaTeX from the
/// repository's <c>vendor/</c> folder, the book's CSS and script) into <c>assets/</c>, so the book
/// opens from disk with no network at all.
/// </summary>
public static class BookBuilder
{
    /// <summary>Builds the book; <paramref name="log"/> receives one line per step.</summary>
    public static async Task<BookResult> BuildAsync(BookOptions options, Action<string>? log = null)
    {
        if (!Directory.Exists(options.NotebooksDirectory))
            throw new DirectoryNotFoundException($"The notebooks folder {options.NotebooksDirectory} does not exist.");
        var files = Directory.GetFiles(options.NotebooksDirectory, "*.ipynb").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"No notebooks (*.ipynb) in {options.NotebooksDirectory}.");
        string vendor = options.VendorDirectory ?? FindVendor(options.NotebooksDirectory);
        string output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        CopyAssets(vendor, Path.Combine(output, "assets"));

        var loaded = new List<(string File, NotebookDocument Doc, string Page, string Title, NotebookRunResult? Run)>();
        foreach (var file in files)
        {
            var doc = NotebookDocument.Load(file);
            NotebookRunResult? run = null;
            if (options.Execute)
            {
                log?.Invoke($"Running {Path.GetFileName(file)}");
                run = await NotebookRunner.RunAsync(doc, options.Run);
                doc.Save(file);
                log?.Invoke($"  {(run.Succeeded ? "ok" : "FAILED")} in {run.Elapsed.TotalSeconds:0.0} s");
            }
            string page = Path.GetFileNameWithoutExtension(file) + ".html";
            loaded.Add((file, doc, page, BookPage.TitleOf(doc, Path.GetFileNameWithoutExtension(file)), run));
        }

        for (int i = 0; i < loaded.Count; i++)
        {
            var c = loaded[i];
            (string, string)? prev = i > 0 ? (loaded[i - 1].Page, loaded[i - 1].Title) : null;
            (string, string)? next = i < loaded.Count - 1 ? (loaded[i + 1].Page, loaded[i + 1].Title) : null;
            await File.WriteAllTextAsync(Path.Combine(output, c.Page), BookPage.Render(c.Doc, c.Title, options.Title, prev, next), new UTF8Encoding(false));
        }
        await File.WriteAllTextAsync(Path.Combine(output, "index.html"), Index(options.Title, loaded.Select(c => (c.Page, c.Title, BookPage.SummaryOf(c.Doc)))), new UTF8Encoding(false));
        log?.Invoke($"Wrote {loaded.Count} chapters to {output}");
        return new BookResult(output, loaded.Select(c => new BookChapter(c.File, Path.Combine(output, c.Page), c.Title, c.Run)).ToList());
    }

    private static string Index(string title, IEnumerable<(string Page, string Title, string Summary)> chapters)
    {
        var sb = new StringBuilder();
        sb.Append($"<header class=\"book\"><h1>{WebUtility.HtmlEncode(title)}</h1>");
        sb.Append("<p>Every chapter below was run by the kit's own notebook runner; the outputs are real.</p></header>\n<main><ol class=\"chapters\">\n");
        foreach (var (page, t, summary) in chapters)
            sb.Append($"<li><a href=\"{page}\">{WebUtility.HtmlEncode(t)}</a><div class=\"summary\">{BookPage.Markdown(summary)}</div></li>\n");
        sb.Append("</ol></main>");
        return BookPage.Layout(title, sb.ToString());
    }

    /// <summary>
    /// The nearest <c>vendor/</c> folder holding plotly.js and KaTeX, at or above
    /// <paramref name="start"/>, else at or above the running program (which lives in the kit's tree).
    /// </summary>
    public static string FindVendor(string start)
    {
        foreach (var origin in new[] { Path.GetFullPath(start), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "vendor");
                if (File.Exists(Path.Combine(candidate, "plotly.js", "plotly.min.js")) && File.Exists(Path.Combine(candidate, "katex", "katex.min.js")))
                    return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No vendor/ folder with plotly.js/plotly.min.js and katex/katex.min.js above {start} or the tutorial program; the book needs them to work offline.");
    }

    private static void CopyAssets(string vendor, string assets)
    {
        Directory.CreateDirectory(assets);
        File.Copy(Path.Combine(vendor, "plotly.js", "plotly.min.js"), Path.Combine(assets, "plotly.min.js"), overwrite: true);
        CopyTree(Path.Combine(vendor, "katex"), Path.Combine(assets, "katex"));
        foreach (var name in new[] { "book.css", "book.js" })
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Tutorial.Notebooks.Book.Assets.{name}")
                ?? throw new InvalidOperationException($"The book asset {name} is missing from the assembly.");
            using var file = File.Create(Path.Combine(assets, name));
            stream.CopyTo(file);
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (var d in Directory.GetDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
