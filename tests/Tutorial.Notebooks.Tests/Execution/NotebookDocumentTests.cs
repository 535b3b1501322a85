using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Notebooks.Tests.Execution;

public class NotebookDocumentTests
{
    [Fact]
    public void Create_HasTheCSharpKernelspecAndPolyglotMetadata()
    {
        var doc = NotebookDocument.Create();
        Assert.Equal(".net-csharp", doc.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", doc.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsSourcesAndUnknownMetadata_AndIsStable()
    {
        var doc = NotebookDocument.Create();
        doc.Metadata["custom"] = "kept ✓";
        doc.AddCell("markdown", "# Title\nline two");
        doc.AddCell("code", "var x = 1;\nx");
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "nb.ipynb");
        doc.Save(path);
        var again = NotebookDocument.Load(path);
        Assert.Equal("# Title\nline two", again.Cells[0].Source);
        Assert.Equal("var x = 1;\nx", again.Cells[1].Source);
        Assert.Equal("kept ✓", again.Metadata["custom"]!.GetValue<string>());
        Assert.Equal(File.ReadAllText(path), again.ToJson());
        Assert.Contains("\"source\": [\n    \"var x = 1;\\n\",\n    \"x\"\n   ]", File.ReadAllText(path));
    }

    [Fact]
    public void Load_NotANotebook_FailsNamingTheFile()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.ipynb");
        File.WriteAllText(path, "{\"nbformat\": 3, \"cells\": []}");
        var e = Assert.Throws<InvalidDataException>(() => NotebookDocument.Load(path));
        Assert.Contains("bad.ipynb", e.Message);
        Assert.Contains("nbformat 3", e.Message);
        File.WriteAllText(path, "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => NotebookDocument.Load(path)).Message);
    }
}
