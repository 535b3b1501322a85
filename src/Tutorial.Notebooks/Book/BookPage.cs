using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Book;

/// <summary>
/// Renders one executed notebook as a static HTML page: markdown through Markdig (math kept as
/// <c>\(…\)</c> and <c>\[…\]</c> for KaTeX to typeset in the browser), code cells as listings, and
/// their outputs inline, richest representation first (HTML, PNG, SVG, markdown, plain text;
/// errors in red). Pages load their scripts and styles from the book's own <c>assets/</c> folder only.
/// </summary>
public static class BookPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>
    /// Markdown to HTML with math, tables, footnotes and the other common extensions. Links to a sibling
    /// notebook (<c>04-backpropagation.ipynb#section</c>) point at its page in the book (<c>04-backpropagation.html#section</c>).
    /// </summary>
    public static string Markdown(string markdown) => SiblingNotebookLink.Replace(Markdig.Markdown.ToHtml(markdown, Pipeline), "href=\"$1.html$2\"");

    private static readonly System.Text.RegularExpressions.Regex SiblingNotebookLink =
        new("href=\"([^\"/:#?]+)\\.ipynb(#[^\"]*)?\"", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The chapter's title: the first markdown heading, else the file name.</summary>
    public static string TitleOf(NotebookDocument doc, string fallback)
    {
        foreach (var cell in doc.Cells.Where(c => c.CellType == "markdown"))
            foreach (var line in cell.Source.Split('\n'))
                if (line.StartsWith("# ")) return line[2..].Trim();
        return fallback;
    }

    /// <summary>The first paragraph of prose after the title (for the index).</summary>
    public static string SummaryOf(NotebookDocument doc)
    {
        foreach (var cell in doc.Cells.Where(c => c.CellType == "markdown"))
        {
            var paragraphs = cell.Source.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var prose = paragraphs.FirstOrDefault(p => !p.StartsWith('#') && !p.StartsWith('|') && !p.StartsWith('$') && !p.StartsWith('-'));
            if (prose is not null) return prose;
        }
        return "";
    }

    /// <summary>The whole page for <paramref name="doc"/>.</summary>
    public static string Render(NotebookDocument doc, string title, string bookTitle, (string Href, string Title)? previous, (string Href, string Title)? next)
    {
        var body = new StringBuilder();
        int n = 0;
        foreach (var cell in doc.Cells)
        {
            n++;
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<section class=\"md\">").Append(Markdown(cell.Source)).Append("</section>\n");
                    break;
                case "code":
                    if (cell.Source.TrimStart().StartsWith("#!markdown"))
                    {
                        body.Append("<section class=\"md\">").Append(Markdown(string.Join('\n', cell.Source.Split('\n').Skip(1)))).Append("</section>\n");
                        break;
                    }
                    string count = cell.ExecutionCount is int c ? c.ToString() : " ";
                    body.Append($"<section class=\"cell\" id=\"cell-{n}\"><div class=\"in\"><span class=\"prompt\">[{count}]</span>")
                        .Append("<pre class=\"code\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></div>\n");
                    foreach (var output in cell.Outputs) body.Append(RenderOutput(output));
                    body.Append("</section>\n");
                    break;
            }
        }
        var nav = new StringBuilder("<nav class=\"pager\">");
        nav.Append(previous is { } p ? $"<a class=\"prev\" href=\"{p.Href}\">← {WebUtility.HtmlEncode(p.Title)}</a>" : "<span></span>");
        nav.Append("<a class=\"home\" href=\"index.html\">Contents</a>");
        nav.Append(next is { } x ? $"<a class=\"next\" href=\"{x.Href}\">{WebUtility.HtmlEncode(x.Title)} →</a>" : "<span></span>");
        nav.Append("</nav>");
        return Layout($"{title} · {bookTitle}", nav + "\n<main>\n" + body + "</main>\n" + nav);
    }

    /// <summary>The page skeleton shared by chapters and the index: vendored KaTeX and plotly.js, the book's stylesheet.</summary>
    internal static string Layout(string title, string content) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="assets/katex/katex.min.css">
        <link rel="stylesheet" href="assets/book.css">
        <script src="assets/plotly.min.js"></script>
        <script defer src="assets/katex/katex.min.js"></script>
        <script defer src="assets/katex/contrib/auto-render.min.js"></script>
        <script defer src="assets/book.js"></script>
        </head>
        <body>
        {{content}}
        </body>
        </html>
        """;

    internal static string RenderOutput(JsonObject output)
    {
        string type = output["output_type"]?.GetValue<string>() ?? "";
        switch (type)
        {
            case "stream":
                string name = output["name"]?.GetValue<string>() ?? "stdout";
                return $"<pre class=\"out stream {name}\">{WebUtility.HtmlEncode(Join(output["text"]))}</pre>\n";
            case "error":
                var trace = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(x => x?.GetValue<string>() ?? "")) : "";
                string ename = output["ename"]?.GetValue<string>() ?? "Error";
                string evalue = output["evalue"]?.GetValue<string>() ?? "";
                return $"<pre class=\"out error\">{WebUtility.HtmlEncode(ename)}: {WebUtility.HtmlEncode(evalue)}\n{WebUtility.HtmlEncode(StripAnsi(trace))}</pre>\n";
            case "display_data" or "execute_result":
                if (output["data"] is not JsonObject data) return "";
                if (data["text/html"] is { } html) return $"<div class=\"out html\">{Join(html)}</div>\n";
                if (data["image/png"] is { } png) return $"<div class=\"out image\"><img alt=\"output\" src=\"data:image/png;base64,{Join(png).Replace("\n", "")}\"></div>\n";
                if (data["image/svg+xml"] is { } svg) return $"<div class=\"out image\">{Join(svg)}</div>\n";
                if (data["text/markdown"] is { } md) return $"<div class=\"out md\">{Markdown(Join(md))}</div>\n";
                if (data["text/plain"] is { } text) return $"<pre class=\"out result\">{WebUtility.HtmlEncode(Join(text))}</pre>\n";
                return "";
            default:
                return "";
        }
    }

    private static string Join(JsonNode? node) => node switch
    {
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>() ?? "")),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    private static string StripAnsi(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\u001b\\[[0-9;]*m", "");
}
