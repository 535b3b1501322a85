using System.Globalization;
using System.Net;
using System.Text;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Exercises;

/// <summary>How check results look in a notebook: a green or red box in HTML, one line in text, and the marker for the grader.</summary>
internal static class CheckView
{
    /// <summary>text/plain, text/html and the <see cref="CheckMarker.MimeType"/> JSON of one result.</summary>
    public static MimeBundle Bundle(CheckResult result) => new MimeBundle()
        .Set("text/plain", result.ToString())
        .Set("text/html", Html(result))
        .Set(CheckMarker.MimeType, CheckMarker.ToJson(result).ToJsonString());

    /// <summary>A number as a person reads it: up to 10 significant digits, NaN and ±∞ spelled out.</summary>
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ => value.ToString("G10", CultureInfo.InvariantCulture),
    };

    /// <summary>A relative error in scientific notation, e.g. 7.80e-01.</summary>
    public static string Error(double value) =>
        double.IsFinite(value) ? value.ToString("0.00e+00", CultureInfo.InvariantCulture) : Number(value);

    private static string Html(CheckResult r)
    {
        string colour = r.Passed ? "#1a7f37" : "#cf222e";
        string background = r.Passed ? "#dafbe1" : "#ffebe9";
        var sb = new StringBuilder();
        sb.Append($"<div class=\"tutorial-check\" data-check-id=\"{E(r.Id)}\" style=\"border-left: 4px solid {colour}; background: {background}; padding: 6px 10px; margin: 4px 0; font-family: sans-serif;\">");
        sb.Append($"<b style=\"color: {colour}\">{(r.Passed ? "✔ passed" : "✘ failed")}</b> ");
        sb.Append($"<code>{E(r.Id)}</code> ");
        sb.Append($"<span style=\"color: #57606a\">({E(r.Earned.ToString("0.##", CultureInfo.InvariantCulture))}/{E(CheckResult.PointsText(r.Points))})</span>");
        sb.Append($"<div>{E(r.Message)}</div>");
        if (r.Mismatch is { } m)
        {
            sb.Append("<table style=\"margin-top: 4px; border-collapse: collapse; font-family: monospace;\">");
            sb.Append("<tr><th style=\"text-align: left; padding: 0 12px 0 0\">where</th><th style=\"text-align: right; padding: 0 12px 0 0\">expected</th>");
            sb.Append("<th style=\"text-align: right; padding: 0 12px 0 0\">got</th><th style=\"text-align: right\">relative error</th></tr>");
            sb.Append($"<tr><td style=\"padding: 0 12px 0 0\">{E(m.Where)}</td><td style=\"text-align: right; padding: 0 12px 0 0\">{E(Number(m.Expected))}</td>");
            sb.Append($"<td style=\"text-align: right; padding: 0 12px 0 0\">{E(Number(m.Got))}</td><td style=\"text-align: right\">{E(Error(m.RelativeError))}</td></tr>");
            sb.Append("</table>");
        }
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>An HTML table of a scoreboard.</summary>
    public static string Html(Scoreboard board)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"tutorial-scoreboard\" style=\"border-collapse: collapse; font-family: sans-serif;\">");
        sb.Append("<tr><th style=\"text-align: left; padding: 2px 10px\">check</th><th style=\"padding: 2px 10px\">result</th><th style=\"text-align: right; padding: 2px 10px\">points</th></tr>");
        foreach (var r in board.Results)
        {
            string colour = r.Passed ? "#1a7f37" : "#cf222e";
            sb.Append($"<tr><td style=\"padding: 2px 10px\"><code>{E(r.Id)}</code></td>");
            sb.Append($"<td style=\"padding: 2px 10px; color: {colour}\">{(r.Passed ? "✔ passed" : "✘ failed")}</td>");
            sb.Append($"<td style=\"text-align: right; padding: 2px 10px\">{E(Format(r.Earned))} / {E(Format(r.Points))}</td></tr>");
        }
        sb.Append($"<tr style=\"border-top: 1px solid #888\"><td style=\"padding: 2px 10px\"><b>total</b></td><td></td>");
        sb.Append($"<td style=\"text-align: right; padding: 2px 10px\"><b>{E(Format(board.Earned))} / {E(Format(board.Possible))}</b></td></tr>");
        sb.Append("</table>");
        return sb.ToString();
    }

    /// <summary>Points without trailing zeros.</summary>
    public static string Format(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
