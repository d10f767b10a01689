using TabularOd.Data;

namespace TabularOd.Tests.Data.Npy;

public class NpyDtypeTests
{
    [Theory]
    [InlineData("<f8", "Float", 8, false)]
    [InlineData(">i4", "Int", 4, true)]
    [InlineData("|u1", "UInt", 1, false)]
    [InlineData("|b1", "Bool", 1, false)]
    [InlineData("f8", "Float", 8, false)]
    [InlineData("=i2", "Int", 2, false)]
    [InlineData("<U12", "Unicode", 48, false)]
    [InlineData(">U3", "Unicode", 12, true)]
    [InlineData("|S5", "Bytes", 5, false)]
    [InlineData("|O", "Object", 8, false)]
    public void ParsesSupportedDescrs(string descr, string kind, int itemSize, bool bigEndian)
    {
        Assert.True(NpyDtype.TryParse(descr, out var dtype, out _));
        Assert.Equal(kind, dtype.Kind.ToString());
        Assert.Equal(itemSize, dtype.ItemSize);
        Assert.Equal(bigEndian, dtype.BigEndian);
    }

    [Theory]
    [InlineData("<c16", "complex")]
    [InlineData("<M8[ns]", "datetime")]
    [InlineData("<m8", "datetime")]
    [InlineData("|V8", "void")]
    [InlineData("<f16", "long double")]
    [InlineData("<i3", "not supported")]
    [InlineData("<", "empty")]
    [InlineData("<x4", "not supported")]
    public void RefusesOthersWithAReason(string descr, string reason)
    {
        Assert.False(NpyDtype.TryParse(descr, out _, out string why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void OnlyMultiByteNumbersOfTheOtherByteOrderNeedSwapping()
    {
        NpyDtype.TryParse(BitConverter.IsLittleEndian ? ">f8" : "<f8", out var foreign, out _);
        NpyDtype.TryParse(BitConverter.IsLittleEndian ? "<f8" : ">f8", out var native, out _);
        NpyDtype.TryParse(">U2", out var text, out _);
        Assert.True(foreign.NeedsSwap);
        Assert.False(native.NeedsSwap);
        Assert.False(text.NeedsSwap);
    }
}
