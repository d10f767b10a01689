using System.Text;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

/// <summary>
/// Every kind of bad input the readers can meet ends the same way at the command line: exit code 1 and
/// one line on stderr that names the file and the problem, with no stack trace.
/// </summary>
public class BadInputTests
{
    private static readonly double[] Six = [1, 2, 3, 4, 5, 6];

    /// <summary>Case name → (file maker, extra arguments, a word the message must contain).</summary>
    private static readonly Dictionary<string, (Func<string, string> Make, string[] Extra, string Expect)> Cases = new()
    {
        ["missing file"] = (dir => Path.Combine(dir, "absent.npz"), [], "not found"),
        ["not a zip"] = (dir => Write(dir, "text.npz", Encoding.ASCII.GetBytes("this is plain text, not a zip archive")), [], "zip"),
        ["truncated zip"] = (dir => Write(dir, "cut.npz", MacrOData().ToBytes()[..150]), [], "zip"),
        ["npy bad magic"] = (dir => Write(dir, "magic.npy", Encoding.ASCII.GetBytes("NOTNUMPY-------------------------------")), [], "magic"),
        ["npy bad header"] = (dir => Write(dir, "header.npy", NpzBuilder.NpyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, ", new byte[16])), [], "header"),
        ["unsupported dtype"] = (dir => new NpzBuilder()
            .Raw("X", NpzBuilder.Npy("<c16", 2, 1, new byte[32])).Int64Vector("y", 0, 1)
            .WriteTo(Path.Combine(dir, "complex.npz")), [], "c16"),
        ["object array as train"] = (dir => new NpzBuilder()
            .Raw("train", NpzBuilder.Npy("|O", 2, 1, new byte[8])).Int64Vector("train_labels", 0, 0)
            .Float64("test", 2, 1, 1, 2).Int64Vector("test_labels", 0, 1)
            .WriteTo(Path.Combine(dir, "object.npz")), [], "train"),
        ["width mismatch"] = (dir => new NpzBuilder()
            .Float64("train", 3, 2, Six).Int64Vector("train_labels", 0, 0, 0)
            .Float64("test", 2, 3, Six).Int64Vector("test_labels", 0, 1)
            .WriteTo(Path.Combine(dir, "width.npz")), [], "column"),
        ["label outside 0/1"] = (dir => new NpzBuilder()
            .Float64("train", 3, 2, Six).Int64Vector("train_labels", 0, 0, 0)
            .Float64("test", 3, 2, Six).Int64Vector("test_labels", 0, 2, 1)
            .WriteTo(Path.Combine(dir, "labels.npz")), [], "test_labels"),
        ["NaN in features"] = (dir => new NpzBuilder()
            .Float64("train", 3, 2, 1, 2, 3, double.NaN, 5, 6).Int64Vector("train_labels", 0, 0, 0)
            .Float64("test", 3, 2, Six).Int64Vector("test_labels", 0, 1, 1)
            .WriteTo(Path.Combine(dir, "nan.npz")), [], "NaN"),
        ["infinity in features"] = (dir => Write(dir, "inf.csv", "a,b,label\n1,2,0\n3,inf,1\n"), [], "infinite"),
        ["ragged csv row"] = (dir => Write(dir, "ragged.csv", "a,b,label\n1,2,0\n3,4\n5,6,1\n"), [], "line 3"),
        ["empty file"] = (dir => Write(dir, "empty.csv", ""), [], "empty"),
        ["label column not found"] = (dir => Write(dir, "nolabel.csv", "a,b,class\n1,2,0\n3,4,1\n"), ["--label-column", "target"], "target"),
        ["matlab v7.3"] = (dir => Write(dir, "hdf5.mat", MatlabV73Header()), [], "v7.3"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DataInfoFailsWithOneLineNamingTheFile(string caseName)
    {
        var (make, extra, expect) = Cases[caseName];
        string path = make(TestPaths.NewTempFolder());
        var run = CliRun.Of(["data", "info", path, .. extra]);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {path}: ", line);
        Assert.Contains(expect, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public void AFolderWithOneBadFileStillDescribesTheOthers()
    {
        string dir = TestPaths.NewTempFolder();
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", "14_glass.npz"), Path.Combine(dir, "14_glass.npz"));
        Write(dir, "broken.npz", Encoding.ASCII.GetBytes("garbage"));

        var run = CliRun.Of("data", "info", dir);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("14_glass", run.Output);
        Assert.Contains("1 of 2 files read", run.Output);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public void ConvertLeavesNoOutputBehindWhenTheInputIsBad()
    {
        string dir = TestPaths.NewTempFolder();
        string input = Write(dir, "ragged.csv", "a,b\n1,2\n3\n");
        string output = Path.Combine(dir, "out.npz");

        var run = CliRun.Of("data", "convert", input, output);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir, "out.npz*"));
    }

    private static NpzBuilder MacrOData() => new NpzBuilder()
        .Float64("train", 3, 2, Six).Int64Vector("train_labels", 0, 0, 0)
        .Float64("test", 3, 2, Six).Int64Vector("test_labels", 0, 1, 1);

    /// <summary>The 128-byte text header MATLAB writes before the HDF5 body of a v7.3 file.</summary>
    private static byte[] MatlabV73Header()
    {
        var bytes = new byte[1024];
        Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .".PadRight(116)).CopyTo(bytes, 0);
        bytes[124] = 0x00;
        bytes[125] = 0x02;
        bytes[126] = (byte)'I';
        bytes[127] = (byte)'M';
        Encoding.ASCII.GetBytes("\x89HDF\r\n\x1a\n").CopyTo(bytes, 512);
        return bytes;
    }

    private static string Write(string dir, string name, string text) => Write(dir, name, Encoding.UTF8.GetBytes(text));

    private static string Write(string dir, string name, byte[] bytes)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
