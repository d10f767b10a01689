using TabularOd.Data;
using static TabularOd.Tests.Data.Csv.CsvTestFiles;

namespace TabularOd.Tests.Data.Csv;

/// <summary>Every refusal is a <see cref="DataFileException"/> whose one-line message starts with the path (checked by ReadFails).</summary>
public class CsvBadInputTests
{
    [Fact]
    public void RaggedRowNamesItsLine()
    {
        Assert.Equal("line 4 has 3 fields but the header has 2.", ReadFails("a,b\n1,2\n3,4\n5,6,7\n8,9\n"));
        Assert.Equal("line 2 has 1 fields but the header has 2.", ReadFails("a,b\n1\n"));
    }

    [Fact]
    public void RaggedRowLineCountsBlankLinesAndLineBreaksInsideQuotes()
    {
        Assert.StartsWith("line 6 ", ReadFails("a,b\n\"x\ny\",2\n\n1,2\n3\n"));
    }

    [Fact]
    public void HeaderOnly()
    {
        Assert.Equal("has a header but no data rows.", ReadFails("a,b,label\n"));
        Assert.Equal("has a header but no data rows.", ReadFails("a,b,label\n\n\n"));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n\n   \n\t\n")]
    public void WhitespaceOnlyFileIsEmpty(string text)
    {
        Assert.Equal("is empty.", ReadFails(text));
    }

    [Fact]
    public void NamedLabelColumnNotFoundListsTheColumns()
    {
        Assert.Equal("label column 'target' not found; columns are: a, b, c.", ReadFails("a,b,c\n1,2,3\n", new DataReadOptions { LabelColumn = "target" }));
    }

    [Fact]
    public void NotFoundListIsTruncatedForWideFiles()
    {
        string header = string.Join(",", Enumerable.Range(0, 500).Select(j => $"feature_{j}"));
        string values = string.Join(",", Enumerable.Repeat("1", 500));
        string problem = ReadFails($"{header}\n{values}\n", new DataReadOptions { LabelColumn = "y" });
        Assert.StartsWith("label column 'y' not found; columns are: feature_0, feature_1,", problem);
        Assert.EndsWith("feature_19, … (480 more).", problem);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("0.5")]
    [InlineData("yes")]
    [InlineData("")]
    public void LabelOutsideZeroOneNamesLineAndColumn(string label)
    {
        string problem = ReadFails($"a,label\n1,0\n2,{label}\n");
        Assert.StartsWith($"line 3, column 'label': '{label}' is not a label;", problem);
    }

    [Fact]
    public void BadSplitValue()
    {
        Assert.Equal("line 3, column 'split': 'validation' is not a split; use train or test.", ReadFails("a,split\n1,train\n2,validation\n3,test\n"));
    }

    [Fact]
    public void SplitWithoutTestRowsOrTrainRows()
    {
        Assert.Equal("split column 'split' marks no row as test.", ReadFails("a,split\n1,train\n"));
        Assert.Equal("split column 'split' marks no row as train.", ReadFails("a,split\n1,test\n"));
    }

    [Fact]
    public void BadGroupId()
    {
        Assert.StartsWith("line 2, column 'group': '1.5' is not a group id", ReadFails("a,group\n1,1.5\n"));
    }

    [Fact]
    public void DuplicateColumnName()
    {
        Assert.Equal("column 'a' appears twice in the header (columns 1 and 3).", ReadFails("a,b,a\n1,2,3\n"));
    }

    [Fact]
    public void UnnamedColumnSuggestsARowIndex()
    {
        Assert.StartsWith("column 1 has no name in the header;", ReadFails(",a,b\n0,1,2\n"));
    }

    [Fact]
    public void OneColumnCannotHaveTwoRoles()
    {
        Assert.Equal("column 'split' cannot be both the label and the split column.", ReadFails("a,split\n1,0\n", new DataReadOptions { LabelColumn = "split" }));
    }

    [Fact]
    public void UnclosedQuoteIsMalformedNotSilentlySwallowed()
    {
        string problem = ReadFails("a,b\n1,2\n\"3,4\n5,6\n");
        Assert.StartsWith("malformed CSV in record 3 (line 3): a quoted field that is never closed", problem);
    }

    [Fact]
    public void TooManyCategoriesIsRefusedAsLikelyAnIdentifier()
    {
        var lines = Enumerable.Range(0, CsvDatasetReader.MaxCategories + 1).Select(i => $"id{i},1");
        string problem = ReadFails("customer,a\n" + string.Join("\n", lines) + "\n");
        Assert.StartsWith($"column 'customer' is text with {CsvDatasetReader.MaxCategories + 1} distinct values", problem);
    }

    [Fact]
    public void ValuesInMessagesStayOnOneLineAndShort()
    {
        string longValue = new('x', 200);
        string problem = ReadFails($"a,label\n1,\"bad\nlabel {longValue}\"\n");
        Assert.Contains("'bad label xxx", problem);
        Assert.Contains("…'", problem);
        Assert.True(problem.Length < 200, problem);
    }
}
