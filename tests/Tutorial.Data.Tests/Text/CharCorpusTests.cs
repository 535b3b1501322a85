using Tutorial.Data.Text;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Tests.Text;

public class CharCorpusTests
{
    [Fact]
    public void ShippedText_IsTheDevilsDictionaryWithoutDictdHeaderOrBraces()
    {
        string text = Datasets.DevilsDictionaryText();
        Assert.Equal(383_147, text.Length);
        Assert.StartsWith("            The Internet Wiretap 1st Online Edition of", text);
        Assert.Contains("ABASEMENT, n.  A decent and customary mental attitude in the presence", text);
        Assert.Equal(382_678, text.IndexOf("ZOOLOGY, n.", StringComparison.Ordinal));
        Assert.EndsWith("sheds its horn every two years.\n", text);
        Assert.DoesNotContain("00-database", text);
        Assert.DoesNotContain("{", text);
        Assert.DoesNotContain("}", text);
    }

    [Fact]
    public void SampleWindows_YIsXShiftedByOne()
    {
        var corpus = new CharCorpus("the quick brown fox jumps over the lazy dog");
        var (x, y) = corpus.SampleWindows<float>(count: 5, length: 7, new Rng(3));
        Assert.Equal([5, 7], x.Shape.Dims);
        Assert.Equal([5, 7], y.Shape.Dims);
        for (int n = 0; n < 5; n++)
        {
            string xs = corpus.Vocabulary.Decode(x.Row(n));
            string ys = corpus.Vocabulary.Decode(y.Row(n));
            int s = corpus.Text.IndexOf(xs + ys[^1], StringComparison.Ordinal);
            Assert.True(s >= 0, $"window {n} \"{xs}\" is not in the text");
            Assert.Equal(xs[1..], ys[..^1]);
        }
    }

    [Fact]
    public void SampleWindows_SameSeed_SameWindows_OtherSeed_Different()
    {
        var corpus = Datasets.DevilsDictionary();
        var (a, _) = corpus.SampleWindows<float>(8, 32, new Rng(42));
        var (b, _) = corpus.SampleWindows<float>(8, 32, new Rng(42));
        var (c, _) = corpus.SampleWindows<float>(8, 32, new Rng(43));
        Assert.True(a.ValueEquals(b));
        Assert.False(a.ValueEquals(c));
    }

    [Fact]
    public void SampleStarts_StayInsideTheText_AndReachBothEnds()
    {
        var corpus = new CharCorpus("abcdefghij"); // 10 characters; windows of 4 (+1) start at 0 … 5
        int[] starts = corpus.SampleStarts(2000, 4, new Rng(7));
        Assert.Equal(0, starts.Min());
        Assert.Equal(5, starts.Max());
    }

    [Fact]
    public void SampleWindowsOneHot_EncodesX_KeepsYAsIndices()
    {
        var corpus = new CharCorpus("abcabcabc");
        var (x, y) = corpus.SampleWindowsOneHot<double>(4, 3, new Rng(1));
        Assert.Equal([4, 3, 3], x.Shape.Dims);
        Assert.Equal([4, 3], y.Shape.Dims);
        for (int n = 0; n < 4; n++)
            for (int t = 0; t < 3; t++)
            {
                double rowSum = 0;
                for (int k = 0; k < 3; k++) rowSum += x[n, t, k];
                Assert.Equal(1.0, rowSum);
                // In "abcabc…" the next character's index is (current + 1) mod 3.
                int current = Enumerable.Range(0, 3).Single(k => x[n, t, k] == 1.0);
                Assert.Equal((current + 1) % 3, (int)y[n, t]);
            }
    }

    [Fact]
    public void SequentialWindows_CoverTheTextInOrder()
    {
        var corpus = new CharCorpus("0123456789");
        var (x, y) = corpus.SequentialWindows<float>(3);
        Assert.Equal([3, 3], x.Shape.Dims);
        Assert.Equal("012345678", corpus.Vocabulary.Decode(x));
        Assert.Equal("123456789", corpus.Vocabulary.Decode(y));
    }

    [Fact]
    public void Split_KeepsOrderAndVocabulary()
    {
        var corpus = new CharCorpus("aaaaaaaabz");
        var (train, validation) = corpus.Split(0.2);
        Assert.Equal("aaaaaaaa", train.Text);
        Assert.Equal("bz", validation.Text);
        Assert.Same(corpus.Vocabulary, train.Vocabulary);
        Assert.Equal([1, 2], validation.Encoded.ToArray());
    }

    [Fact]
    public void SampleWindows_LongerThanTheText_Fails()
    {
        var corpus = new CharCorpus("abc");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => corpus.SampleWindows<float>(1, 3, new Rng(1)));
        Assert.Contains("A window of 3 characters (and the one after) does not fit in a text of 3", e.Message);
    }
}
