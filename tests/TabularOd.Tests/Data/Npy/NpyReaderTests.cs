using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Npy;

public class NpyReaderTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "npy", name);

    private static NpyArray ReadArray(string name)
    {
        string path = Fixture(name);
        using var stream = File.OpenRead(path);
        return NpyReader.Read(stream, path, name, "the file", stream.Length);
    }

    [Theory]
    [InlineData("f8_c.npy", "<f8")]
    [InlineData("f4_c.npy", "<f4")]
    [InlineData("f2_c.npy", "<f2")]
    [InlineData("i8_c.npy", "<i8")]
    [InlineData("i4_c.npy", "<i4")]
    [InlineData("i2_c.npy", "<i2")]
    [InlineData("i1_c.npy", "|i1")]
    [InlineData("f8_f.npy", "<f8")]
    [InlineData("i2_f.npy", "<i2")]
    [InlineData("f8_be.npy", ">f8")]
    [InlineData("i4_be_f.npy", ">i4")]
    [InlineData("f8_v2.npy", "<f8")]
    [InlineData("f8_v3.npy", "<f8")]
    public void SignedTypesOrdersAndVersionsReadTheSameTable(string name, string descr)
    {
        var file = DataReader.Read(Fixture(name));
        Assert.Equal(Path.GetFileNameWithoutExtension(name), file.Table!.Name);
        Assert.Equal(3, file.Table.Rows);
        Assert.Equal(2, file.Table.Columns);
        Assert.Equal([1.0, -2, 3, 4, 5, 6], file.Table.Features.AsSpan().ToArray());
        Assert.Null(file.Table.Labels);
        Assert.StartsWith(descr + " (3, 2)", Assert.Single(file.StoredTypes).Value);
    }

    [Theory]
    [InlineData("u1_c.npy")]
    [InlineData("u1_f.npy")]
    [InlineData("u2_c.npy")]
    [InlineData("u4_c.npy")]
    [InlineData("u8_c.npy")]
    public void UnsignedTypesRead(string name)
    {
        var table = DataReader.Read(Fixture(name)).Table!;
        Assert.Equal([1.0, 2, 3, 4, 5, 6], table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void BooleansReadAsZeroAndOne()
    {
        var table = DataReader.Read(Fixture("b1_c.npy")).Table!;
        Assert.Equal([1.0, 0, 0, 1, 1, 1], table.Features.AsSpan().ToArray());
    }

    [Fact]
    public void HeaderVersionsAreRecorded()
    {
        Assert.Equal(1, ReadArray("f8_c.npy").Header.MajorVersion);
        Assert.Equal(2, ReadArray("f8_v2.npy").Header.MajorVersion);
        Assert.Equal(3, ReadArray("f8_v3.npy").Header.MajorVersion);
    }

    [Fact]
    public void FortranOrderLargerThanOneTransposeBlockComesOutRowMajor()
    {
        var array = ReadArray("f8_f_67x35.npy");
        Assert.True(array.Header.FortranOrder);
        var matrix = array.ToMatrix();
        Assert.Equal(67, matrix.Rows);
        Assert.Equal(35, matrix.Columns);
        for (int i = 0; i < matrix.Rows; i++)
        {
            for (int j = 0; j < matrix.Columns; j++)
            {
                Assert.Equal((i * 1000.0) + j, matrix[i, j]);
            }
        }
    }

    [Theory]
    [InlineData("strings_le.npy")]
    [InlineData("strings_be.npy")]
    public void Utf32StringsDecodeInBothByteOrders(string name)
    {
        var array = ReadArray(name);
        Assert.Equal(["a", "héllo", "\U0001F642x", ""], (string[])array.Values!);
        Assert.Equal(["a", "héllo", "\U0001F642x", ""], (string[])array.ToMetadataValue()!);
    }

    [Fact]
    public void ByteStringsDecode()
    {
        Assert.Equal(["ab", "c", ""], (string[])ReadArray("bytes.npy").ToMetadataValue()!);
    }

    [Fact]
    public void ZeroDimensionalArraysBecomeScalars()
    {
        Assert.Equal(2.5, ReadArray("scalar_f8.npy").ToMetadataValue());
        Assert.Equal("ovo", ReadArray("scalar_str.npy").ToMetadataValue());
        Assert.Equal(new long[] { 3, 1, 2 }, ReadArray("vector_i8.npy").ToMetadataValue());
    }

    [Fact]
    public void EmptyMatrixReadsWithItsWidth()
    {
        var table = DataReader.Read(Fixture("empty_f8.npy")).Table!;
        Assert.Equal(0, table.Rows);
        Assert.Equal(3, table.Columns);
    }

    [Fact]
    public void ObjectArrayHeaderIsReadButNotItsPickle()
    {
        var array = ReadArray("object.npy");
        Assert.True(array.IsObject);
        Assert.Null(array.Values);
    }

    [Fact]
    public void AOneDimensionalFileIsNotATable()
    {
        DataFileAssert.ReadFails(Fixture("vector_i8.npy"), "2-D", "(3,)");
    }

    [Theory]
    [InlineData("bad_magic.npy", "not a NumPy .npy array")]
    [InlineData("bad_header.npy", "malformed .npy header", "expected ',' or '}'")]
    [InlineData("truncated.npy", "truncated")]
    [InlineData("complex.npy", "'<c16'", "complex")]
    [InlineData("datetime.npy", "'<M8[D]'", "datetime")]
    [InlineData("object.npy", "object array")]
    [InlineData("three_d.npy", "3 dimensions", "(2, 2, 2)")]
    [InlineData("structured.npy", "structured dtype")]
    [InlineData("strings_le.npy", "2-D")]
    public void BadFilesAreRefusedWithTheReason(string name, params string[] fragments)
    {
        DataFileAssert.ReadFails(Fixture(name), fragments);
    }

    [Fact]
    public void RandomBytesAreNotAnNpyFile()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "noise.npy");
        File.WriteAllBytes(path, [1, 2, 3]);
        DataFileAssert.ReadFails(path, "truncated");
    }
}
