using System.Numerics;

namespace Tutorial.Engine.Layers;

/// <summary>
/// The parameters of one layer l of a recurrent stack, named and laid out as in PyTorch so that a
/// state dict moves between the two unchanged (G gates: 1 for RNN, 4 for LSTM, 3 for GRU):
/// <code>
/// weight_ih_l{l}  W_ih: (G·H, D_l)   D_0 = input size, D_l = H above the first layer
/// weight_hh_l{l}  W_hh: (G·H, H)
/// bias_ih_l{l}    b_ih: (G·H)
/// bias_hh_l{l}    b_hh: (G·H)
/// </code>
/// The gate blocks are stacked along the first axis: rows [k·H, (k+1)·H) belong to gate k
/// (LSTM: i, f, g, o; GRU: r, z, n).
/// </summary>
public sealed class RecurrentWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RecurrentWeights(Parameter<T> weightIh, Parameter<T> weightHh, Parameter<T>? biasIh, Parameter<T>? biasHh)
    {
        WeightIh = weightIh;
        WeightHh = weightHh;
        BiasIh = biasIh;
        BiasHh = biasHh;
    }

    /// <summary>W_ih: (G·H, D_l), applied to the layer's input x_t.</summary>
    public Parameter<T> WeightIh { get; }

    /// <summary>W_hh: (G·H, H), applied to the previous hidden state h_{t−1}.</summary>
    public Parameter<T> WeightHh { get; }

    /// <summary>b_ih: (G·H), or null without bias.</summary>
    public Parameter<T>? BiasIh { get; }

    /// <summary>b_hh: (G·H), or null without bias.</summary>
    public Parameter<T>? BiasHh { get; }
}
