using System.Xml.Linq;
using Tutorial.Engine.Autograd;
using Tutorial.Notebooks.Graphs;

namespace Tutorial.Notebooks.Tests.Graphs;

public class ComputationGraphTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Value Neuron()
    {
        var x = new Value(2, "x");
        var w = new Value(-0.5, "w");
        var b = new Value(0.25, "b");
        var loss = ((w * x + b).Tanh() - 1.0).Pow(2).Named("L");
        loss.Backward();
        return loss;
    }

    [Fact]
    public void Svg_DrawsOneBoxPerValue_OneCirclePerOperation_AndOneEdgePerDistinctInputPlusOutput()
    {
        var loss = Neuron();
        var nodes = loss.Nodes();
        var doc = XDocument.Parse(ComputationGraph.Svg(loss));

        Assert.Equal(nodes.Count, doc.Descendants(Svg + "rect").Count());
        Assert.Equal(nodes.Count(n => !n.IsLeaf), doc.Descendants(Svg + "circle").Count());
        int expectedEdges = nodes.Where(n => !n.IsLeaf).Sum(n => n.Inputs.Distinct().Count() + 1);
        Assert.Equal(expectedEdges, doc.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "edge"));
    }

    [Fact]
    public void Svg_ShowsLabelsDataAndGradients_WithFourDecimals()
    {
        var loss = Neuron();
        string svg = ComputationGraph.Svg(loss);
        var w = loss.Nodes().Single(n => n.Label == "w");
        Assert.Contains(">w</text>", svg);
        Assert.Contains($"data {w.Data.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}", svg);
        Assert.Contains($"grad {w.Grad.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}", svg);
        Assert.Contains(">L</text>", svg);
        Assert.Contains(">tanh</text>", svg);
    }

    [Fact]
    public void Svg_PlacesLeavesLeftOfTheOutput_AndEscapesLabels()
    {
        var a = new Value(1, "a<b");
        var c = (a * a).Named("c & d");
        c.Backward();
        var doc = XDocument.Parse(ComputationGraph.Svg(c));
        var rects = doc.Descendants(Svg + "rect").Select(r => double.Parse((string)r.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(rects[0] < rects[1], $"the leaf (x = {rects[0]}) should be left of the output (x = {rects[1]})");
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("a<b", texts);
        Assert.Contains("c & d", texts);
        // a is used twice by one operation: one edge into the operation, one out of it.
        Assert.Equal(2, doc.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "edge"));
    }

    [Fact]
    public void Svg_IsTheSameForTheSameExpression()
    {
        Assert.Equal(ComputationGraph.Svg(Neuron()), ComputationGraph.Svg(Neuron()));
    }

    [Fact]
    public void Draw_ReturnsHtmlHoldingTheSvg()
    {
        var loss = Neuron();
        Assert.Equal(ComputationGraph.Svg(loss), ComputationGraph.Draw(loss).Content);
    }
}
