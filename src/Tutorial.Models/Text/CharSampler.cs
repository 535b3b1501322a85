using System.Text;
using Tutorial.Data.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Models.Text;

/// <summary>
/// Writes text with a trained character-level model, one character at a time.
/// <para>The model must be a <see cref="Sequential{T}"/> with one <see cref="RecurrentLayer{T}"/> that returns every
/// step (e.g. <see cref="Architectures.CharLstm{T}"/>): the layers before it run on each new character, the
/// recurrent layer carries its state (h, and c for an LSTM) from step to step, and the layers after it turn the
/// state into scores for the next character. So each character costs one step, not a pass over the whole text.</para>
/// <code>
/// read the prompt: state = LSTM(prompt), scores z = head(h_last)
/// repeat: p = softmax(z / τ); draw c ~ p; append c; state, z = one step on c
/// </code>
/// The temperature τ sharpens (τ &lt; 1) or flattens (τ &gt; 1) the distribution; τ → 0 always takes the most likely character.
/// </summary>
public static class CharSampler
{
    /// <summary>
    /// The prompt followed by <paramref name="length"/> sampled characters. Every prompt character must be in
    /// <paramref name="vocabulary"/>. The model is put in evaluation mode while sampling and restored afterwards.
    /// </summary>
    public static string Sample(Sequential<float> model, CharVocabulary vocabulary, string prompt, int length, double temperature, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(rng);
        if (prompt.Length == 0) throw new ArgumentException("The prompt needs at least one character.", nameof(prompt));
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), $"The number of characters to sample must be ≥ 0, got {length}.");
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"The temperature must be positive and finite, got {temperature}.");

        var layers = model.Layers;
        int r = -1;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i] is RecurrentLayer<float>)
            {
                if (r >= 0) throw new ArgumentException($"{model} has more than one recurrent layer; CharSampler carries the state of exactly one.", nameof(model));
                r = i;
            }
        if (r < 0) throw new ArgumentException($"{model} has no recurrent layer to carry state from character to character.", nameof(model));
        var recurrent = (RecurrentLayer<float>)layers[r];
        if (recurrent.Output != RecurrentOutput.Sequence)
            throw new ArgumentException($"{recurrent} returns only its last step; CharSampler needs a layer that returns every step.", nameof(model));

        bool wasTraining = model.Training;
        model.Training = false;
        try
        {
            var text = new StringBuilder(prompt, prompt.Length + length);
            var ids = vocabulary.Encode(prompt);
            var x = new Tensor<float>(1, ids.Length);
            for (int t = 0; t < ids.Length; t++) x[0, t] = ids[t];
            Tensor<float>? h = null, c = null;
            var logits = Step(layers, r, x, ref h, ref c);
            var probabilities = new double[vocabulary.Size];
            for (int i = 0; i < length; i++)
            {
                int next = Draw(logits, logits.Dim(1) - 1, temperature, probabilities, rng);
                text.Append(vocabulary[next]);
                if (i == length - 1) break;
                var one = new Tensor<float>(1, 1);
                one[0, 0] = next;
                logits = Step(layers, r, one, ref h, ref c);
            }
            return text.ToString();
        }
        finally
        {
            model.Training = wasTraining;
        }
    }

    /// <summary>Runs x: (1, T) ids through the layers from the carried state; returns logits (1, T, V) and carries the new state.</summary>
    private static Tensor<float> Step(IReadOnlyList<Layer<float>> layers, int r, Tensor<float> x, ref Tensor<float>? h, ref Tensor<float>? c)
    {
        var y = x;
        for (int i = 0; i < r; i++) y = layers[i].Forward(y);
        var recurrent = (RecurrentLayer<float>)layers[r];
        y = recurrent.Forward(y, h, c);
        h = recurrent.Hn!.Clone();
        c = recurrent.Cn?.Clone();
        for (int i = r + 1; i < layers.Count; i++) y = layers[i].Forward(y);
        if (y.Rank != 3 || y.Dim(0) != 1 || y.Dim(1) != x.Dim(1))
            throw new ShapeMismatchException($"CharSampler expected logits of shape (1, {x.Dim(1)}, V) from the model, got {y.Shape}.");
        return y;
    }

    /// <summary>Draws a character index from softmax(logits[0, step, :] / τ), computed in double.</summary>
    private static int Draw(Tensor<float> logits, int step, double temperature, double[] p, Rng rng)
    {
        int v = logits.Dim(2);
        if (v != p.Length) throw new ShapeMismatchException($"The model scores {v} characters but the vocabulary has {p.Length}.");
        double max = double.NegativeInfinity;
        for (int k = 0; k < v; k++) max = Math.Max(max, logits[0, step, k] / temperature);
        double sum = 0;
        for (int k = 0; k < v; k++)
        {
            p[k] = Math.Exp(logits[0, step, k] / temperature - max);
            sum += p[k];
        }
        double u = rng.NextDouble() * sum;
        for (int k = 0; k < v; k++)
        {
            u -= p[k];
            if (u < 0) return k;
        }
        return v - 1;
    }
}
