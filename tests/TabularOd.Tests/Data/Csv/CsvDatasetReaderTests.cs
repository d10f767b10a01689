using TabularOd.Data;
using static TabularOd.Tests.Data.Csv.CsvTestFiles;

namespace TabularOd.Tests.Data.Csv;

public class CsvDatasetReaderTests
{
    [Fact]
    public void NumericTableWithLabels()
    {
        var file = Read("a,b,label\n1,2.5,0\n-3,4e2,1\n");
        var table = file.Table!;
        Assert.Null(file.Pair);
        Assert.Equal("data", table.Name);
        Assert.Equal(["a", "b"], table.FeatureNames);
        Assert.Equal([1.0, 2.5, -3, 400], table.Features.AsSpan().ToArray());
        Assert.Equal([0, 1], table.Labels!);
        Assert.Null(table.Groups);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void LabelColumnMayBeAnywhereAndFeaturesKeepFileOrder()
    {
        var table = Read("z,label,a\n1,0,2\n").Table!;
        Assert.Equal(["z", "a"], table.FeatureNames);
        Assert.Equal([1.0, 2], table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void WithoutALabelColumnTheTableIsUnlabelled()
    {
        var table = Read("a,b\n1,2\n").Table!;
        Assert.Null(table.Labels);
    }

    [Fact]
    public void ANamedLabelColumnIsUsed()
    {
        var table = Read("x,y\n1,1\n2,0\n", new DataReadOptions { LabelColumn = "y" }).Table!;
        Assert.Equal(["x"], table.FeatureNames);
        Assert.Equal([1, 0], table.Labels!);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("0.0", 0)]
    [InlineData("1.0", 1)]
    [InlineData("true", 1)]
    [InlineData("FALSE", 0)]
    [InlineData(" 1 ", 1)]
    public void LabelSpellings(string text, int label)
    {
        Assert.Equal([label], Read($"a,label\n5,{text}\n").Table!.Labels!);
    }

    [Fact]
    public void MissingCellsBecomeNaNInNumericColumns()
    {
        var table = Read("a,b,c,d,e,f,g,h\n,NA,NaN,nan,N/A,null,?,1\n2,2,2,2,2,2,2,NULL\n").Table!;
        var first = table.Features.Row(0).ToArray();
        Assert.All(first[..7], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(1.0, first[7]);
        Assert.True(double.IsNaN(table.Features[1, 7]));
        Assert.DoesNotContain(table.FeatureNames, name => name.Contains('='));
    }

    [Fact]
    public void InfinitySpellingsParseAsNumbers()
    {
        var table = Read("a,b,c,d\ninf,-Infinity,1e400,-inf\n").Table!;
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity], table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void WhitespaceQuotesCrlfAndByteOrderMarkAreHandled()
    {
        var table = Read("\uFEFF a ,\"b, quoted\",label\r\n 1.5 ,\"2\",0\r\n\r\n3,4,1\r\n").Table!;
        Assert.Equal(["a", "b, quoted"], table.FeatureNames);
        Assert.Equal([1.5, 2, 3, 4], table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void TextColumnsAreOneHotEncodedInSortedOrderInPlace()
    {
        var file = Read("x,color,label\n1,red,0\n2,blue,0\n3,,1\n4,red,0\n");
        var table = file.Table!;
        Assert.Equal(["x", "color=blue", "color=red"], table.FeatureNames);
        Assert.Equal([1.0, 0, 1, 2, 1, 0, 3, 0, 0, 4, 0, 1], table.Features.AsSpan().ToArray());
        Assert.Equal(["color"], (string[])table.Metadata[CsvDatasetReader.OneHotColumnsKey]);
        Assert.Equal(["blue", "red"], (string[])table.Metadata[CsvDatasetReader.OneHotCategoriesKeyPrefix + "color"]);
        Assert.Contains(file.Warnings, w => w.Contains("one-hot encoded 1 text column") && w.Contains("'color' (2)"));
    }

    [Fact]
    public void OrdinalOrderPutsUppercaseBeforeLowercase()
    {
        var table = Read("c\nb\na\nB\n").Table!;
        Assert.Equal(["c=B", "c=a", "c=b"], table.FeatureNames);
    }

    [Fact]
    public void AColumnWithOneNonNumberIsText()
    {
        var table = Read("v\n1\n2\nx\n1\n").Table!;
        Assert.Equal(["v=1", "v=2", "v=x"], table.FeatureNames);
    }

    [Fact]
    public void SplitColumnGivesAPairInFileOrder()
    {
        var file = Read("a,label,split\n1,0,train\n2,1,TEST\n3,0,Train\n4,0,test\n");
        Assert.Null(file.Table);
        var pair = file.Pair!;
        Assert.Equal([1.0, 3], pair.Train.Features.AsSpan().ToArray());
        Assert.Equal([2.0, 4], pair.Test.Features.AsSpan().ToArray());
        Assert.Equal([0, 0], pair.Train.Labels!);
        Assert.Equal([1, 0], pair.Test.Labels!);
        Assert.Equal(["a"], pair.Test.FeatureNames);
    }

    [Fact]
    public void CategoriesAreFittedOnTrainRowsOnly()
    {
        var file = Read("kind,split\ncat,train\ndog,train\nemu,test\ncat,test\n,test\n");
        var pair = file.Pair!;
        Assert.Equal(["kind=cat", "kind=dog"], pair.Train.FeatureNames);
        Assert.Equal([1.0, 0, 0, 1], pair.Train.Features.AsSpan().ToArray());
        // emu was never seen in train, the last row is missing: both all zeros.
        Assert.Equal([0.0, 0, 1, 0, 0, 0], pair.Test.Features.AsSpan().ToArray());
        Assert.Contains(file.Warnings, w => w.Contains("'kind': 1 test rows hold values not seen in train"));
        Assert.Equal(["cat", "dog"], (string[])pair.Test.Metadata[CsvDatasetReader.OneHotCategoriesKeyPrefix + "kind"]);
    }

    [Fact]
    public void GroupIdsAreRead()
    {
        var table = Read("a,group\n1,3\n2,-7\n3,12.0\n").Table!;
        Assert.Equal([3L, -7, 12], table.Groups!);
        Assert.Equal(["a"], table.FeatureNames);
    }

    [Fact]
    public void CustomSplitAndGroupColumnNames()
    {
        var options = new DataReadOptions { SplitColumn = "part", GroupColumn = "g" };
        var pair = Read("a,part,g\n1,train,1\n2,test,2\n", options).Pair!;
        Assert.Equal([1L], pair.Train.Groups!);
        Assert.Equal([2L], pair.Test.Groups!);
    }

    [Fact]
    public void StoredTypesDescribeEveryColumn()
    {
        var file = Read("a,kind,label,split,group\n1,x,0,train,1\n2,y,1,test,1\n");
        Assert.Equal(
            ["number", "text, one-hot encoded (1 categories)", "label (0/1)", "split (train/test)", "group id (integer)"],
            file.StoredTypes.Select(t => t.Value));
        Assert.Equal(["a", "kind", "label", "split", "group"], file.StoredTypes.Select(t => t.Key));
    }

    [Fact]
    public void AFeatureNamedLikeALabelGetsAWarningWhenThereIsNoLabelColumn()
    {
        var file = Read("a,Class\n1,0\n2,1\n");
        Assert.Contains(file.Warnings, w => w.Contains("'Class'"));
        Assert.Empty(Read("a,Class,label\n1,0,0\n").Warnings);
    }

    [Fact]
    public void ManyRowsAndColumnsReadExactly()
    {
        var random = new Random(1);
        int rows = 3000, columns = 12;
        var values = Enumerable.Range(0, rows * columns).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))).ToArray();
        var lines = Enumerable.Range(0, rows).Select(i => string.Join(",", values.Skip(i * columns).Take(columns).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        string header = string.Join(",", Enumerable.Range(0, columns).Select(j => $"f{j}"));
        var table = Read(header + "\n" + string.Join("\n", lines) + "\n").Table!;
        Assert.Equal(values, table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void TheReadPipelineImputesCsvNaNWithTrainMedians()
    {
        string path = Write("a,split\n1,train\n,train\n3,train\n,test\n");
        var pair = DataReader.Read(path, new DataReadOptions { MissingValues = MissingValuePolicy.ImputeMedian }).Pair!;
        Assert.Equal([1.0, 2, 3], pair.Train.Features.AsSpan().ToArray());
        Assert.Equal([2.0], pair.Test.Features.AsSpan().ToArray());
    }
}
