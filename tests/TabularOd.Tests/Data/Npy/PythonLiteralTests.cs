using TabularOd.Data;

namespace TabularOd.Tests.Data.Npy;

public class PythonLiteralTests
{
    [Fact]
    public void ParsesWhatNumPyWrites()
    {
        var dict = PythonLiteral.ParseDict("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }   ");
        Assert.Equal("<f8", dict["descr"]);
        Assert.Equal(false, dict["fortran_order"]);
        Assert.Equal(new List<object?> { 3L, 4L }, dict["shape"]);
    }

    [Fact]
    public void ParsesOlderAndOddSpellings()
    {
        var dict = PythonLiteral.ParseDict("{\"descr\":\"|u1\",\"fortran_order\":True,\"shape\":(5L,),\"x\":None,\"l\":[('a','<i4')]}");
        Assert.Equal("|u1", dict["descr"]);
        Assert.Equal(true, dict["fortran_order"]);
        Assert.Equal(new List<object?> { 5L }, dict["shape"]);
        Assert.Null(dict["x"]);
        Assert.IsType<List<object?>>(dict["l"]);
        Assert.Empty((List<object?>)PythonLiteral.ParseDict("{'shape': ()}")["shape"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("'descr'")]
    [InlineData("{'descr': '<f8'")]
    [InlineData("{'descr' '<f8'}")]
    [InlineData("{'descr': '<f8}")]
    [InlineData("{'shape': (3 4)}")]
    [InlineData("{3: 4}")]
    [InlineData("{'a': maybe}")]
    [InlineData("{'a': 1} trailing")]
    [InlineData("{'a': 99999999999999999999}")]
    public void RefusesMalformedText(string text)
    {
        Assert.Throws<FormatException>(() => PythonLiteral.ParseDict(text));
    }
}
