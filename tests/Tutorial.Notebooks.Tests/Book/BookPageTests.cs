using Tutorial.Notebooks.Book;

namespace Tutorial.Notebooks.Tests.Book;

public class BookPageTests
{
    [Fact]
    public void Markdown_LinkToASiblingNotebook_PointsAtItsPage()
    {
        string html = BookPage.Markdown("See [chapter 4](04-backpropagation.ipynb) and [its check](04-backpropagation.ipynb#gradient-checking).");
        Assert.Contains("<a href=\"04-backpropagation.html\">chapter 4</a>", html);
        Assert.Contains("<a href=\"04-backpropagation.html#gradient-checking\">its check</a>", html);
        Assert.DoesNotContain(".ipynb", html);
    }

    [Fact]
    public void Markdown_LinksOutsideTheBook_StayAsWritten()
    {
        string html = BookPage.Markdown("[learner version](exercises/01-neuron.ipynb), [web](https://example.org/a.ipynb), [data](../datasets/README.md)");
        Assert.Contains("href=\"exercises/01-neuron.ipynb\"", html);
        Assert.Contains("href=\"https://example.org/a.ipynb\"", html);
        Assert.Contains("href=\"../datasets/README.md\"", html);
    }
}
