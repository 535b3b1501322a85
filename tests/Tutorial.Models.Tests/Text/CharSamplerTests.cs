using Tutorial.Data.Text;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Tensors;
using Tutorial.Models.Text;

namespace Tutorial.Models.Tests.Text;

public class CharSamplerTests
{
    private static readonly CharVocabulary Vocabulary = CharVocabulary.FromText("abc de");

    [Fact]
    public void Sample_ContinuesThePrompt_Reproducibly_WithCharactersOfTheVocabulary()
    {
        var model = Architectures.CharLstm<float>(new Rng(1), Vocabulary.Size, 4, 8);
        string a = CharSampler.Sample(model, Vocabulary, "ab", 40, 1.0, new Rng(9));
        string b = CharSampler.Sample(model, Vocabulary, "ab", 40, 1.0, new Rng(9));
        string c = CharSampler.Sample(model, Vocabulary, "ab", 40, 1.0, new Rng(10));
        Assert.Equal(42, a.Length);
        Assert.StartsWith("ab", a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, ch => Assert.True(Vocabulary.Contains(ch)));
        Assert.True(model.Training);    // restored after sampling in evaluation mode
    }

    [Fact]
    public void Sample_StepByStep_MatchesRunningTheWholeSequence()
    {
        // With a tiny temperature the draw is the arg max, so the sample is the greedy continuation;
        // re-running the whole text through the model must predict the same last character.
        var model = Architectures.CharLstm<float>(new Rng(2), Vocabulary.Size, 4, 8);
        string text = CharSampler.Sample(model, Vocabulary, "abc", 6, 1e-6, new Rng(1));
        var ids = Vocabulary.Encode(text[..^1]);
        var x = new Tensor<float>(1, ids.Length);
        for (int t = 0; t < ids.Length; t++) x[0, t] = ids[t];
        model.Training = false;
        var logits = model.Forward(x);
        int last = ids.Length - 1, best = 0;
        for (int k = 1; k < Vocabulary.Size; k++)
            if (logits[0, last, k] > logits[0, last, best]) best = k;
        Assert.Equal(text[^1], Vocabulary[best]);
    }

    [Fact]
    public void Sample_RejectsAModelWithoutARecurrentLayer_AndBadArguments()
    {
        var mlp = Architectures.Mlp<float>(new Rng(1), 3, 3);
        var e = Assert.Throws<ArgumentException>(() => CharSampler.Sample(mlp, Vocabulary, "a", 5, 1, new Rng(1)));
        Assert.Contains("no recurrent layer", e.Message);
        var model = Architectures.CharLstm<float>(new Rng(1), Vocabulary.Size, 4, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => CharSampler.Sample(model, Vocabulary, "a", 5, 0, new Rng(1)));
        Assert.Throws<ArgumentException>(() => CharSampler.Sample(model, Vocabulary, "", 5, 1, new Rng(1)));
        Assert.Throws<KeyNotFoundException>(() => CharSampler.Sample(model, Vocabulary, "xyz", 5, 1, new Rng(1)));
    }
}
