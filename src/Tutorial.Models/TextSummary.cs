namespace Tutorial.Models;

/// <summary>How a character-level language model did on held-out text, and what it writes.</summary>
/// <param name="VocabularySize">V, the number of distinct characters.</param>
/// <param name="ValidationLoss">Mean cross-entropy per character on held-out text, in nats.</param>
/// <param name="Samples">Text sampled from the model, one string per prompt.</param>
/// <param name="KnownWordFraction">Of the words in the samples (runs of letters), the fraction that occur in the training text.</param>
public sealed record TextSummary(int VocabularySize, double ValidationLoss, IReadOnlyList<string> Samples, double KnownWordFraction)
{
    /// <summary>ln V: the loss of a model that gives every character the same probability 1/V.</summary>
    public double UniformLoss => Math.Log(VocabularySize);

    /// <summary>e^loss: the model is as unsure as a uniform choice among this many characters.</summary>
    public double Perplexity => Math.Exp(ValidationLoss);
}
