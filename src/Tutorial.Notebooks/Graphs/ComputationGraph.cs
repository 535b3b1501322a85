using System.Globalization;
using System.Net;
using System.Text;
using Tutorial.Engine.Autograd;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Graphs;

/// <summary>
/// Draws a scalar autograd graph (<see cref="Value"/>) as inline SVG, in the style of micrograd's
/// <c>draw_dot</c> but with no Graphviz needed: a box per value (label, data, grad) and a circle per
/// operation, flowing left to right from the leaves to the output.
/// <code>
/// var loss = ((w * x + b).Tanh() - y).Pow(2).Named("L");
/// loss.Backward();
/// display(ComputationGraph.Draw(loss));
/// </code>
/// <para>Layout: an operation's result sits one column right of its deepest input, and a leaf just left
/// of its first user, so a weight or a constant appears next to the operation that uses it. Within a
/// column, nodes are ordered by a few sweeps of the barycentre heuristic (the mean row of their
/// neighbours), which keeps most edges from crossing in small graphs; an edge that skips a column sags
/// below its row instead of running through the boxes between. Leaves are tinted blue and the output
/// orange.</para>
/// <para>The drawing is a function of <see cref="Value.Nodes"/> only, so the same expression always
/// gives the same SVG (outputs of re-run notebooks do not change).</para>
/// </summary>
public static class ComputationGraph
{
    private const int BoxWidth = 112, BoxHeight = 54, OpRadius = 17;
    private const int ColumnWidth = BoxWidth + 80, RowHeight = 72, Margin = 12, Bend = 44;

    /// <summary>The graph of <paramref name="output"/> as an SVG element, for <c>display(...)</c>.</summary>
    public static Html Draw(Value output) => new(Svg(output));

    /// <summary>The SVG markup (an <c>&lt;svg&gt;</c> element with its width and height set).</summary>
    public static string Svg(Value output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var nodes = output.Nodes();
        int count = nodes.Count;

        // Columns: an operation's result sits one column right of its deepest input; a leaf sits just
        // left of its first user (so constants and weights appear next to where they are used).
        var users = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < count; i++)
            foreach (int j in nodes[i].Inputs.Distinct()) users[j].Add(i);
        var column = new int[count];
        for (int i = 0; i < count; i++)
            column[i] = nodes[i].IsLeaf ? 0 : 1 + nodes[i].Inputs.Max(j => column[j]);
        for (int i = 0; i < count; i++)
            if (nodes[i].IsLeaf && users[i].Count > 0) column[i] = users[i].Min(u => column[u]) - 1;
        int columns = column.Max() + 1;

        // Rows: a few sweeps of the barycentre heuristic (order each column by the mean row of the
        // node's neighbours in the previous or next columns), starting from the listing order.
        var byColumn = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, count).Where(i => column[i] == c).ToList()).ToArray();
        int rows = byColumn.Max(m => m.Count);
        var row = new double[count];
        void Place()
        {
            foreach (var members in byColumn)
                for (int r = 0; r < members.Count; r++) row[members[r]] = r + (rows - members.Count) / 2.0;
        }
        Place();
        for (int sweep = 0; sweep < 4; sweep++)
        {
            for (int c = 1; c < columns; c++)
                byColumn[c] = byColumn[c].OrderBy(i => nodes[i].IsLeaf ? users[i].Average(u => row[u]) : nodes[i].Inputs.Average(j => row[j])).ToList();
            Place();
            for (int c = columns - 2; c >= 0; c--)
                byColumn[c] = byColumn[c].OrderBy(i => users[i].Count > 0 ? users[i].Average(u => row[u]) : row[i]).ToList();
            Place();
        }

        double Cx(int i) => Margin + BoxWidth / 2.0 + column[i] * ColumnWidth;
        double Cy(int i) => Margin + BoxHeight / 2.0 + row[i] * RowHeight;
        // An edge that skips a column bends below the row, so it does not run through the boxes between.
        bool bends = Enumerable.Range(0, count).Any(i => nodes[i].Inputs.Any(j => column[i] - column[j] > 1));
        int width = 2 * Margin + (columns - 1) * ColumnWidth + BoxWidth;
        int height = 2 * Margin + (rows - 1) * RowHeight + BoxHeight + (bends ? Bend : 0);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"computation-graph\" width=\"{width}\" height=\"{height}\" style=\"max-width: 100%; height: auto;\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.Append("<defs><marker id=\"cg-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">" +
                  "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#57606a\"/></marker></defs>\n");

        // Edges first, so boxes and circles are drawn over them.
        for (int i = 0; i < count; i++)
        {
            if (nodes[i].IsLeaf) continue;
            double ox = Cx(i) - BoxWidth / 2.0 - (ColumnWidth - BoxWidth) / 2.0, oy = Cy(i);
            foreach (int j in nodes[i].Inputs.Distinct())
                Edge(sb, Cx(j) + BoxWidth / 2.0, Cy(j), ox - OpRadius, oy, column[i] - column[j] > 1 ? Bend : 0);
            Edge(sb, ox + OpRadius, oy, Cx(i) - BoxWidth / 2.0, Cy(i));
        }

        for (int i = 0; i < count; i++)
        {
            var n = nodes[i];
            double x = Cx(i) - BoxWidth / 2.0, y = Cy(i) - BoxHeight / 2.0;
            string fill = i == count - 1 ? "#fff1e0" : n.IsLeaf ? "#e8f1fb" : "#ffffff";
            string title = n.Label.Length > 0 ? n.Label : n.IsLeaf ? "leaf" : $"({n.Op})";
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"value\"><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"5\" fill=\"{fill}\" stroke=\"#57606a\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(Cx(i))}\" y=\"{F(y + 16)}\" text-anchor=\"middle\" font-weight=\"bold\">{Escape(title)}</text>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(x + 8)}\" y=\"{F(y + 32)}\">data {Number(n.Data)}</text>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(x + 8)}\" y=\"{F(y + 47)}\" fill=\"#b35900\">grad {Number(n.Grad)}</text></g>\n");
            if (!n.IsLeaf)
            {
                double ox = Cx(i) - BoxWidth / 2.0 - (ColumnWidth - BoxWidth) / 2.0;
                sb.Append(CultureInfo.InvariantCulture,
                    $"<g class=\"op\"><circle cx=\"{F(ox)}\" cy=\"{F(Cy(i))}\" r=\"{OpRadius}\" fill=\"#f6f8fa\" stroke=\"#57606a\"/>" +
                    $"<text x=\"{F(ox)}\" y=\"{F(Cy(i) + 4)}\" text-anchor=\"middle\" font-size=\"{(n.Op.Length > 3 ? 9 : 13)}\">{Escape(n.Op)}</text></g>\n");
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A curve from (x1, y1) to (x2, y2), leaving and arriving horizontally; <paramref name="bend"/> &gt; 0 sags it below both ends.</summary>
    private static void Edge(StringBuilder sb, double x1, double y1, double x2, double y2, double bend = 0)
    {
        string d = bend > 0
            ? $"M {F(x1)} {F(y1)} C {F(x1 + 60)} {F(y1 + bend * 4 / 3)}, {F(x2 - 60)} {F(y2 + bend * 4 / 3)}, {F(x2)} {F(y2)}"
            : $"M {F(x1)} {F(y1)} C {F((x1 + x2) / 2)} {F(y1)}, {F((x1 + x2) / 2)} {F(y2)}, {F(x2)} {F(y2)}";
        sb.Append(CultureInfo.InvariantCulture, $"<path class=\"edge\" d=\"{d}\" fill=\"none\" stroke=\"#57606a\" marker-end=\"url(#cg-arrow)\"/>\n");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
