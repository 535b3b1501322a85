namespace Tutorial.Engine.Layers;

/// <summary>What a recurrent layer's Forward returns.</summary>
public enum RecurrentOutput
{
    /// <summary>The top layer's hidden state at every step: y: (N, T, H), y[:, t] = h_t (PyTorch's <c>output</c>).</summary>
    Sequence,

    /// <summary>Only the top layer's last hidden state: y: (N, H), y = h_{T−1} (for sequence classification).</summary>
    LastStep,
}
