using Tutorial.Data.Csv;

namespace Tutorial.Data.Tests.Csv;

public class CsvReaderTests
{
    private static CsvTable Parse(string text, CsvOptions? options = null) => CsvReader.Parse(new StringReader(text), "test.csv", options);

    [Fact]
    public void Parse_HeaderAndRows_GivesNamesAndValues()
    {
        var t = Parse("a,b,c\n1,2.5,-3e-1\n\n4, 5 ,6\n");
        Assert.Equal(["a", "b", "c"], t.ColumnNames);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(3, t.ColumnCount);
        Assert.Equal(-0.3, t[0, 2]);
        Assert.Equal(5.0, t[1, 1]);
        Assert.Equal(4, t.LineOf(1));
        Assert.Equal([2.5, 5.0], t.Column("b"));
        Assert.Equal([-0.3, 6.0], t.Column(-1));
    }

    [Fact]
    public void Parse_QuotedHeaderWithEscapedQuote_IsUnquoted()
    {
        var t = Parse("\"YEAR\",\"say \"\"hi\"\"\"\n1700,5\n");
        Assert.Equal(["YEAR", "say \"hi\""], t.ColumnNames);
        Assert.Equal(0, t.ColumnIndex("year"));
    }

    [Fact]
    public void Parse_NoHeader_NamesColumnsByPosition()
    {
        var t = Parse("1;2\n3;4", new CsvOptions { HasHeader = false, Delimiter = ';' });
        Assert.Equal(["column0", "column1"], t.ColumnNames);
        Assert.Equal(4.0, t[1, 1]);
    }

    [Fact]
    public void Parse_CommentLines_AreSkipped()
    {
        var t = Parse("# a comment\nx\n# another\n7\n", new CsvOptions { CommentPrefix = '#' });
        Assert.Equal(["x"], t.ColumnNames);
        Assert.Equal(7.0, t[0, 0]);
    }

    [Fact]
    public void Parse_NotANumber_NamesFileLineAndColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b\n1,2\n3,abc\n"));
        Assert.Equal("test.csv: line 3, column 2 (\"b\"): \"abc\" is not a number.", e.Message);
    }

    [Fact]
    public void Parse_RaggedRow_NamesTheLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b\n1,2\n3\n"));
        Assert.Contains("line 3 has 1 fields, but the header names 2", e.Message);
    }

    [Fact]
    public void Parse_EmptyFieldOrUnclosedQuote_Fail()
    {
        Assert.Contains("line 2, column 1 (\"a\"): the field is empty",
            Assert.Throws<DataFormatException>(() => Parse("a,b\n,2\n")).Message);
        Assert.Contains("a quoted field is not closed",
            Assert.Throws<DataFormatException>(() => Parse("\"a,b\n1,2\n")).Message);
        Assert.Contains("holds no rows", Assert.Throws<DataFormatException>(() => Parse("\n\n")).Message);
    }

    [Fact]
    public void ToLabeled_LabelColumn_BecomesLabelsAndTheRestFeatures()
    {
        var t = Parse("x1,label,x2\n0.5,1,2\n1.5,0,4\n2.5,2,6\n");
        var data = t.ToLabeled<double>("label", ["no", "yes", "maybe"]);
        Assert.Equal([3, 2], data.X.Shape.Dims);
        Assert.Equal([0.5, 2, 1.5, 4, 2.5, 6], data.X.ToArray());
        Assert.Equal([1, 0, 2], data.LabelArray());
        Assert.Equal(["x1", "x2"], data.FeatureNames!);
        Assert.Equal("maybe", data.ClassNameOf(2));
    }

    [Fact]
    public void ToLabeled_WithoutClassNames_NumbersTheClasses()
    {
        var data = Parse("x,y\n1,0\n2,3\n").ToLabeled<float>(-1);
        Assert.Equal(["0", "1", "2", "3"], data.ClassNames);
    }

    [Fact]
    public void ToLabeled_FractionalOrOutOfRangeLabel_FailsNamingTheLine()
    {
        var t = Parse("x,y\n1,0\n2,1.5\n");
        Assert.Contains("line 3, label column 2 (\"y\"): 1.5 is not a class index",
            Assert.Throws<DataFormatException>(() => t.ToLabeled<float>(1)).Message);
        var u = Parse("x,y\n1,0\n2,5\n");
        Assert.Contains("label 5 is not a class index in 0 … 1 (a, b)",
            Assert.Throws<DataFormatException>(() => u.ToLabeled<float>(1, ["a", "b"])).Message);
    }

    [Fact]
    public void Read_GzippedFile_IsDecompressed()
    {
        using var dir = new TempFolder();
        string path = dir.WriteGzip("t.csv.gz", "p,q\n1,2\n"u8.ToArray());
        var t = CsvReader.Read(path);
        Assert.Equal(2.0, t[0, 1]);
        Assert.Equal(path, t.Source);
    }

    [Fact]
    public void ColumnIndex_UnknownName_ListsTheColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => Parse("a,b\n1,2").ColumnIndex("c"));
        Assert.Contains("has no column \"c\"; its columns are \"a\", \"b\"", e.Message);
    }
}
