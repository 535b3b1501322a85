using Tutorial.Data.Text;

namespace Tutorial.Data.Tests.Text;

public class CharVocabularyTests
{
    [Fact]
    public void FromText_SortsDistinctCharactersByCode()
    {
        var v = CharVocabulary.FromText("hello world\n");
        Assert.Equal("\n dehlorw", new string(v.Chars.ToArray()));
        Assert.Equal(9, v.Size);
        Assert.Equal(0, v.IndexOf('\n'));
        Assert.Equal('w', v[8]);
    }

    [Fact]
    public void EncodeThenDecode_GivesTheTextBack()
    {
        var v = CharVocabulary.FromText("abracadabra");
        int[] codes = v.Encode("cabbad");
        Assert.Equal([2, 0, 1, 1, 0, 3], codes);
        Assert.Equal("cabbad", v.Decode(codes));
        Assert.Equal("cab", v.Decode(Tutorial.Engine.Tensors.Tensor<float>.FromArray([2f, 0f, 1f], 3)));
    }

    [Fact]
    public void Encode_UnknownCharacter_NamesItAndItsPosition()
    {
        var v = CharVocabulary.FromText("ab");
        var e = Assert.Throws<KeyNotFoundException>(() => v.Encode("abz"));
        Assert.Equal("Character 'z' (U+007A) at position 2 is not in the vocabulary of 2 characters.", e.Message);
    }

    [Fact]
    public void Constructor_RepeatedCharacter_Fails() =>
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new CharVocabulary("aba")).Message);

    [Fact]
    public void OneHot_RowsHaveASingleOneAtTheIndex()
    {
        var v = CharVocabulary.FromText("xyz");
        var t = v.OneHot<double>(v.Encode("zx"));
        Assert.Equal([2, 3], t.Shape.Dims);
        Assert.Equal([0.0, 0, 1, 1, 0, 0], t.ToArray());
    }

    [Fact]
    public void DevilsDictionary_HasItsKnownAlphabet()
    {
        var v = CharVocabulary.FromText(Datasets.DevilsDictionaryText());
        Assert.Equal(82, v.Size);
        Assert.Equal("\n !\"$&'(),-.0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz", new string(v.Chars.ToArray()));
    }
}
