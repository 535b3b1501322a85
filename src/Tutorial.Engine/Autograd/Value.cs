using System.Globalization;
using System.Text;

namespace Tutorial.Engine.Autograd;

/// <summary>
/// A scalar that remembers how it was computed, for teaching reverse-mode automatic differentiation
/// (in the spirit of Karpathy's micrograd).
/// <para>Every operation creates a new <see cref="Value"/> that records its inputs and the local
/// derivative of its output with respect to each input, evaluated when the operation runs:</para>
/// <code>
/// c = a + b      ∂c/∂a = 1             ∂c/∂b = 1
/// c = a − b      ∂c/∂a = 1             ∂c/∂b = −1
/// c = a · b      ∂c/∂a = b             ∂c/∂b = a
/// c = a / b      ∂c/∂a = 1/b           ∂c/∂b = −a/b²
/// c = aⁿ         ∂c/∂a = n·aⁿ⁻¹        (n a constant)
/// c = aᵇ         ∂c/∂a = b·aᵇ⁻¹        ∂c/∂b = aᵇ·ln a   (a &gt; 0)
/// c = −a         ∂c/∂a = −1
/// c = exp a      ∂c/∂a = exp a
/// c = log a      ∂c/∂a = 1/a
/// c = tanh a     ∂c/∂a = 1 − tanh² a
/// c = σ(a)       ∂c/∂a = σ(a)·(1 − σ(a)),   σ(a) = 1 / (1 + e⁻ᵃ)
/// c = relu a     ∂c/∂a = [a &gt; 0]     (0 at a = 0, as in PyTorch)
/// </code>
/// <para><see cref="Backward"/> applies the chain rule from this node to every node it depends on:
/// visiting nodes in reverse topological order (each node after every node that uses it),
/// it adds <c>input.Grad += localDerivative · node.Grad</c>. A value used twice (a shared
/// subexpression such as <c>a·a</c>) therefore receives the sum of both paths, as the multivariable
/// chain rule says.</para>
/// <para><b>Calling Backward twice.</b> Backward first resets the gradient of every node in this
/// graph to zero, sets this node's gradient to 1 and then propagates. Calling it twice therefore
/// gives the same gradients, never doubled ones. This differs on purpose from PyTorch, where
/// <c>backward()</c> accumulates into the leaves until you zero them: here <see cref="Grad"/>
/// always means "∂(the output Backward was last called on)/∂(this node)". A consequence: gradients
/// from two different outputs are not summed for you; add the outputs first (<c>(l1 + l2).Backward()</c>).</para>
/// <para>Local derivatives are evaluated when the operation runs. Changing <see cref="Data"/> of a leaf
/// (a gradient-descent step) does not recompute nodes built from it: build the expression again after
/// an update, as a training loop does each step.</para>
/// </summary>
public sealed class Value
{
    private readonly Value[] _inputs;
    private readonly double[] _localGrads;

    /// <summary>A leaf (an input or a parameter) holding <paramref name="data"/>.</summary>
    public Value(double data, string label = "")
    {
        Data = data;
        Label = label ?? "";
        Op = "";
        _inputs = [];
        _localGrads = [];
    }

    private Value(double data, string op, Value[] inputs, double[] localGrads)
    {
        Data = data;
        Label = "";
        Op = op;
        _inputs = inputs;
        _localGrads = localGrads;
    }

    /// <summary>The number this node holds.</summary>
    public double Data { get; set; }

    /// <summary>∂(output)/∂(this node) after the last <see cref="Backward"/> call on an output that depends on it; 0 before.</summary>
    public double Grad { get; set; }

    /// <summary>A name shown in graph listings and drawings (e.g. <c>w1</c>, <c>loss</c>); empty if unnamed.</summary>
    public string Label { get; set; }

    /// <summary>The operation that produced this node (<c>+</c>, <c>*</c>, <c>tanh</c>, …); empty for a leaf.</summary>
    public string Op { get; }

    /// <summary>The nodes this one was computed from, in argument order (empty for a leaf).</summary>
    public IReadOnlyList<Value> Inputs => _inputs;

    /// <summary>∂(this)/∂(input i), evaluated when the operation ran; same order as <see cref="Inputs"/>.</summary>
    public IReadOnlyList<double> LocalGradients => _localGrads;

    /// <summary>True for a node that no operation produced (an input, a parameter or a constant).</summary>
    public bool IsLeaf => _inputs.Length == 0;

    /// <summary>Sets the label and returns this node, so expressions can name their parts inline: <c>(a * b).Named("e")</c>.</summary>
    public Value Named(string label)
    {
        Label = label ?? "";
        return this;
    }

    // ---- operations ------------------------------------------------------------------------

    public static implicit operator Value(double data) => new(data);

    public static Value operator +(Value a, Value b) => new(a.Data + b.Data, "+", [a, b], [1.0, 1.0]);

    public static Value operator -(Value a, Value b) => new(a.Data - b.Data, "-", [a, b], [1.0, -1.0]);

    public static Value operator *(Value a, Value b) => new(a.Data * b.Data, "*", [a, b], [b.Data, a.Data]);

    public static Value operator /(Value a, Value b) =>
        new(a.Data / b.Data, "/", [a, b], [1.0 / b.Data, -a.Data / (b.Data * b.Data)]);

    public static Value operator -(Value a) => new(-a.Data, "neg", [a], [-1.0]);

    /// <summary>aⁿ for a constant exponent n; ∂/∂a = n·aⁿ⁻¹.</summary>
    public Value Pow(double exponent) =>
        new(Math.Pow(Data, exponent), "^" + Format(exponent), [this], [exponent * Math.Pow(Data, exponent - 1)]);

    /// <summary>aᵇ for a base a &gt; 0 and a variable exponent b; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a.</summary>
    public Value Pow(Value exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        if (!(Data > 0))
            throw new ArgumentOutOfRangeException(nameof(exponent),
                $"Pow with a variable exponent needs a positive base (∂/∂b = aᵇ·ln a), but the base is {Format(Data)}; use Pow(double) for a constant exponent.");
        double y = Math.Pow(Data, exponent.Data);
        return new Value(y, "pow", [this, exponent], [exponent.Data * Math.Pow(Data, exponent.Data - 1), y * Math.Log(Data)]);
    }

    /// <summary>eᵃ; ∂/∂a = eᵃ.</summary>
    public Value Exp()
    {
        double y = Math.Exp(Data);
        return new Value(y, "exp", [this], [y]);
    }

    /// <summary>ln a for a &gt; 0; ∂/∂a = 1/a.</summary>
    public Value Log()
    {
        if (!(Data > 0))
            throw new ArgumentOutOfRangeException(nameof(Data), $"Log needs a positive argument, got {Format(Data)}{(Label.Length > 0 ? $" ({Label})" : "")}.");
        return new Value(Math.Log(Data), "log", [this], [1.0 / Data]);
    }

    /// <summary>tanh a; ∂/∂a = 1 − tanh² a.</summary>
    public Value Tanh()
    {
        double t = Math.Tanh(Data);
        return new Value(t, "tanh", [this], [1 - t * t]);
    }

    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ), computed without overflow for large |a|; ∂/∂a = σ(a)·(1 − σ(a)).</summary>
    public Value Sigmoid()
    {
        double s = Data >= 0 ? 1 / (1 + Math.Exp(-Data)) : Math.Exp(Data) / (1 + Math.Exp(Data));
        return new Value(s, "sigmoid", [this], [s * (1 - s)]);
    }

    /// <summary>max(a, 0); ∂/∂a = 1 for a &gt; 0, else 0.</summary>
    public Value Relu() => new(Data > 0 ? Data : 0, "relu", [this], [Data > 0 ? 1.0 : 0.0]);

    /// <summary>aⁿ for a constant exponent (same as <see cref="Pow(double)"/>).</summary>
    public static Value Pow(Value a, double exponent) => a.Pow(exponent);

    /// <summary>The sum of <paramref name="values"/> as a chain of additions (0 for none).</summary>
    public static Value Sum(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Value? total = null;
        foreach (var v in values) total = total is null ? v : total + v;
        return total ?? new Value(0);
    }

    // ---- backpropagation -------------------------------------------------------------------

    /// <summary>
    /// Every node this one depends on (itself included), each once, inputs before the nodes that use them.
    /// Found by an iterative depth-first search, so graphs of any depth are safe (no recursion).
    /// </summary>
    public IReadOnlyList<Value> TopologicalOrder()
    {
        var order = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        // Each frame is a node and the index of the next input to visit; a node is emitted after all its inputs.
        var stack = new Stack<(Value Node, int NextInput)>();
        visited.Add(this);
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node._inputs.Length)
            {
                stack.Push((node, next + 1));
                var input = node._inputs[next];
                if (visited.Add(input)) stack.Push((input, 0));
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }

    /// <summary>
    /// Computes ∂(this)/∂v for every node v this value depends on and stores it in v.<see cref="Grad"/>.
    /// Resets all gradients in the graph first, so calling it again gives the same result (see the type's remarks).
    /// </summary>
    public void Backward()
    {
        var order = TopologicalOrder();
        foreach (var node in order) node.Grad = 0;
        Grad = 1;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            for (int j = 0; j < node._inputs.Length; j++)
                node._inputs[j].Grad += node._localGrads[j] * node.Grad;
        }
    }

    // ---- listing and drawing ---------------------------------------------------------------

    /// <summary>
    /// The graph as a list of records, inputs first (topological order), this node last.
    /// Ids are positions in the list, so the same expression always lists the same way.
    /// </summary>
    public IReadOnlyList<ValueNode> Nodes()
    {
        var order = TopologicalOrder();
        var ids = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++) ids[order[i]] = i;
        return order.Select((v, i) => new ValueNode(i, v.Label, v.Op, v.Data, v.Grad,
            v._inputs.Select(input => ids[input]).ToArray())).ToList();
    }

    /// <summary>
    /// The graph as Graphviz DOT text (render with <c>dot -Tsvg</c>): a box per value showing label, data and grad,
    /// and an ellipse per operation between its inputs and its result, drawn left to right.
    /// </summary>
    public string ToDot()
    {
        var nodes = Nodes();
        var sb = new StringBuilder();
        sb.Append("digraph G {\n");
        sb.Append("  rankdir=LR;\n");
        sb.Append("  node [fontname=\"Helvetica\"];\n");
        foreach (var n in nodes)
        {
            string label = n.Label.Length > 0 ? EscapeRecord(n.Label) + " | " : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"  v{n.Id} [shape=record, label=\"{{ {label}data {Format4(n.Data)} | grad {Format4(n.Grad)} }}\"];\n");
            if (n.Op.Length > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  op{n.Id} [shape=ellipse, label=\"{EscapeRecord(n.Op)}\"];\n");
                sb.Append(CultureInfo.InvariantCulture, $"  op{n.Id} -> v{n.Id};\n");
                foreach (int input in n.Inputs) sb.Append(CultureInfo.InvariantCulture, $"  v{input} -> op{n.Id};\n");
            }
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>E.g. <c>Value(label: a, data: 2, grad: -3)</c>.</summary>
    public override string ToString() =>
        $"Value({(Label.Length > 0 ? $"label: {Label}, " : "")}data: {Format(Data)}, grad: {Format(Grad)})";

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Format4(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Escapes the characters that are special inside a Graphviz record label.</summary>
    private static string EscapeRecord(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (c is '"' or '\\' or '{' or '}' or '|' or '<' or '>') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
