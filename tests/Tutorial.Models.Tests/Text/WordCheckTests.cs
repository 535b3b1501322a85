using Tutorial.Models.Text;

namespace Tutorial.Models.Tests.Text;

public class WordCheckTests
{
    [Fact]
    public void Vocabulary_IsTheDistinctLowerCasedRunsOfLetters()
    {
        var words = WordCheck.Vocabulary("CYNIC, n. A blackguard whose faulty vision sees things as they are, not as they ought to be.");
        Assert.Contains("cynic", words);
        Assert.Contains("n", words);
        Assert.Contains("blackguard", words);
        Assert.Equal(16, words.Count);
    }

    [Fact]
    public void Words_LeaveOutAWordCutOffByTheEndOfTheText()
    {
        Assert.Equal(["the", "cat", "sat"], WordCheck.Words("The cat sat on"));
        Assert.Equal(["the", "cat", "sat", "on"], WordCheck.Words("The cat sat on."));
        Assert.Empty(WordCheck.Words("   "));
    }

    [Fact]
    public void KnownFraction_CountsWordsFoundInTheReference()
    {
        var known = WordCheck.Vocabulary("a man and a plan");
        Assert.Equal(3 / 5.0, WordCheck.KnownFraction(["A man, a xqz ", "blorp."], known), 12);
        Assert.Equal(0, WordCheck.KnownFraction([""], known));
    }
}
