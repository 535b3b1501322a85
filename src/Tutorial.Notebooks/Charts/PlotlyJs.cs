using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tutorial.Notebooks.Charts;

/// <summary>
/// Where charts get plotly.js from, never a CDN (notebooks and the book must work offline).
/// The kit vendors plotly.js <see cref="Version"/> (npm <c>plotly.js-dist-min</c>, MIT) in
/// <c>vendor/plotly.js/plotly.min.js</c>; the build copies it next to Tutorial.Notebooks.dll.
/// <para>A chart's HTML draws at once when the page already has <c>window.Plotly</c>. Otherwise it loads
/// the script once per page (all charts on the page wait for the same load), trying in order:</para>
/// <list type="number">
/// <item><see cref="PageUrls"/>, relative to the page: <c>plotly.min.js</c> next to it or in <c>assets/</c> (the book's folder);</item>
/// <item>in Jupyter (the page's path contains <c>/lab/tree/</c>, <c>/notebooks/</c>, <c>/doc/tree/</c> or <c>/tree/</c>):
/// <see cref="NotebookUrls"/> relative to the notebook's folder and <see cref="ServerRootUrls"/> relative to the
/// server's root, both through the server's <c>/files/</c> handler (so a server started in the repository root
/// finds <c>vendor/plotly.js/plotly.min.js</c>).</item>
/// </list>
/// When every URL fails, the chart says so and suggests <c>display(PlotlyJs.Embed())</c>, which puts the whole
/// library into the notebook once (4.8 MB) and draws the waiting charts.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The vendored plotly.js version.</summary>
    public const string Version = "4.1.2";

    /// <summary>The script's file name.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>
    /// URLs relative to the page that shows the chart: next to it, or in the <c>assets/</c> folder where the book
    /// builder puts it (book pages also load it in their head, so charts there draw at once).
    /// </summary>
    public static IReadOnlyList<string> PageUrls { get; set; } = [FileName, "assets/" + FileName];

    /// <summary>URLs relative to the notebook's folder on a Jupyter server (through <c>/files/</c>).</summary>
    public static IReadOnlyList<string> NotebookUrls { get; set; } = [FileName, "../vendor/plotly.js/" + FileName];

    /// <summary>URLs relative to a Jupyter server's root (through <c>/files/</c>).</summary>
    public static IReadOnlyList<string> ServerRootUrls { get; set; } = ["vendor/plotly.js/" + FileName];

    /// <summary>
    /// The vendored plotly.min.js on this machine: next to the kit's assembly (<c>plotly.js/plotly.min.js</c>),
    /// else in <c>vendor/plotly.js/</c> of the current directory or one of its parents; null when not found.
    /// </summary>
    public static string? LocalFile
    {
        get
        {
            string beside = Path.Combine(AppContext.BaseDirectory, "plotly.js", FileName);
            if (File.Exists(beside)) return beside;
            string? assemblyDir = Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location);
            if (assemblyDir is not null && File.Exists(Path.Combine(assemblyDir, "plotly.js", FileName))) return Path.Combine(assemblyDir, "plotly.js", FileName);
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "vendor", "plotly.js", FileName);
                    if (File.Exists(candidate)) return candidate;
                }
            }
            return null;
        }
    }

    /// <summary>Copies plotly.min.js into <paramref name="folder"/> (for static pages) and returns the new file's path.</summary>
    public static string CopyTo(string folder)
    {
        string source = LocalFile ?? throw new FileNotFoundException($"The vendored {FileName} was not found next to the kit's assembly or in vendor/plotly.js/ of the current directory or its parents.");
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, FileName);
        File.Copy(source, target, overwrite: true);
        return target;
    }

    /// <summary>
    /// The whole plotly.js as HTML for the page (or notebook), which then draws the charts that could not load
    /// it: <c>display(PlotlyJs.Embed())</c> once, for a notebook that must show charts anywhere (VS Code, a Jupyter
    /// server started elsewhere). It adds the library (4.8 MB) to the notebook file.
    /// </summary>
    public static PlotlyEmbed Embed()
    {
        string file = LocalFile ?? throw new FileNotFoundException($"The vendored {FileName} was not found; it belongs in vendor/plotly.js/ of the repository.");
        // "</script" cannot occur in a script element, and "<!--" must not open a comment-like state: both only
        // occur inside string literals in the minified file, where "\x3C" is the same character as "<".
        string js = File.ReadAllText(file, Encoding.UTF8).Replace("</script", "\\x3C/script", StringComparison.OrdinalIgnoreCase).Replace("<!--", "\\x3C!--");
        var sb = new StringBuilder();
        sb.Append("<script type=\"text/javascript\">\n").Append(js).Append("\n</script>\n");
        sb.Append("<script type=\"text/javascript\">(function () { var s = window.__tutorialPlotly; if (s && window.Plotly) { var w = s.waiting.concat(s.failed || []); s.waiting = []; s.failed = []; s.failedUrls = null; s.loading = false; w.forEach(function (x) { x.draw(); }); } })();</script>\n");
        sb.Append($"<div style=\"font-family: system-ui, sans-serif; font-size: 12px; color: #57606a;\">plotly.js {Version} embedded in this notebook.</div>");
        return new PlotlyEmbed(sb.ToString());
    }

    /// <summary>The script that draws <paramref name="figureJson"/> ({data, layout, config}) into the element <paramref name="id"/>.</summary>
    internal static string DrawScript(string id, string figureJson)
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default };
        string Js(IReadOnlyList<string> urls) => JsonSerializer.Serialize(urls, options);
        string idJs = JsonSerializer.Serialize(id, options);
        return $$"""
(function () {
  var id = {{idJs}};
  var figure = {{figureJson}};
  var cs = document.currentScript;
  function target() {
    var prev = cs && cs.previousElementSibling;
    return prev && prev.id === id ? prev : document.getElementById(id);
  }
  function draw() {
    var el = target();
    if (!el) return;
    el.innerHTML = "";
    window.Plotly.newPlot(el, figure.data, figure.layout, figure.config);
  }
  function fail(tried) {
    var el = target();
    if (!el) return;
    el.style.height = "auto";
    el.innerHTML = '<div style="font-family: system-ui, sans-serif; font-size: 12px; color: #a40e26; border: 1px solid #ffebe9; padding: 6px;">' +
      'This chart needs plotly.js, which could not be loaded here (tried ' + tried.map(function (u) { return u.replace(/</g, "&lt;"); }).join(", ") + '). ' +
      'Run <code>display(Tutorial.Notebooks.Charts.PlotlyJs.Embed())</code> once in this notebook, or start Jupyter in the repository root.</div>';
  }
  if (window.Plotly) { draw(); return; }
  var state = window.__tutorialPlotly = window.__tutorialPlotly || { waiting: [], failed: [], failedUrls: null, loading: false };
  var item = { draw: draw, fail: fail };
  if (state.failedUrls) { state.failed.push(item); fail(state.failedUrls); return; }
  state.waiting.push(item);
  if (state.loading) return;
  state.loading = true;
  var urls = {{Js(PageUrls)}};
  var m = /^(.*?)\/(?:lab\/tree|lab\/workspaces\/[^\/]+\/tree|notebooks|doc\/tree|tree|voila\/render)\/(.*?)[^\/]*$/.exec(window.location.pathname);
  if (m) {
    {{Js(NotebookUrls)}}.forEach(function (u) { urls.push(m[1] + "/files/" + m[2] + u); });
    {{Js(ServerRootUrls)}}.forEach(function (u) { urls.push(m[1] + "/files/" + u); });
  }
  urls = urls.filter(function (u, i) {
    var abs = new URL(u, window.location.href).href;
    return urls.findIndex(function (v) { return new URL(v, window.location.href).href === abs; }) === i;
  });
  var tried = [];
  function finish(ok) {
    state.loading = false;
    var w = state.waiting;
    state.waiting = [];
    if (!ok) { state.failedUrls = tried; state.failed = state.failed.concat(w); }
    w.forEach(function (x) { if (ok) x.draw(); else x.fail(tried); });
  }
  function attempt(i) {
    if (window.Plotly) { finish(true); return; }
    if (i >= urls.length) { finish(false); return; }
    tried.push(urls[i]);
    var s = document.createElement("script");
    s.type = "text/javascript";
    s.src = urls[i];
    s.onload = function () { if (window.Plotly) finish(true); else attempt(i + 1); };
    s.onerror = function () { if (s.parentNode) s.parentNode.removeChild(s); attempt(i + 1); };
    document.head.appendChild(s);
  }
  attempt(0);
})();
""";
    }
}

/// <summary>
/// plotly.js embedded in a page (<see cref="PlotlyJs.Embed"/>): shown as its HTML, with a one-line text/plain
/// (not the 4.8 MB script a second time).
/// </summary>
public sealed class PlotlyEmbed(string html)
{
    /// <summary>The &lt;script&gt; elements with the library and the redraw of waiting charts.</summary>
    public string Html { get; } = html;

    public override string ToString() => $"plotly.js {PlotlyJs.Version} embedded ({Html.Length / 1_000_000.0:0.0} MB of HTML)";
}
