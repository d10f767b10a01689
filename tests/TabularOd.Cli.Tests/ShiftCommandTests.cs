using System.Globalization;
using TabularOd.Cli.Tests.Support;
using TabularOd.Sampling;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class ShiftCommandTests
{
    private static string Cardio => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", "6_cardio.npz");

    /// <summary>Writes train.csv and test.csv (columns a, b, c); b moves by <paramref name="shift"/> in test.</summary>
    private static (string Train, string Test) WriteTables(string dir, double shift, int testColumns = 3)
    {
        var random = new SeededRandom(4);
        string Table(string name, int rows, double move, int columns)
        {
            var lines = new List<string> { string.Join(',', new[] { "a", "b", "c", "d" }.Take(columns)) };
            for (int i = 0; i < rows; i++)
            {
                var values = new[] { random.NextGaussian(), random.NextGaussian() + move, random.NextGaussian(), random.NextGaussian() };
                lines.Add(string.Join(',', values.Take(columns).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
            string path = Path.Combine(dir, name);
            File.WriteAllLines(path, lines);
            return path;
        }
        return (Table("train.csv", 60, 0, 3), Table("test.csv", 40, shift, testColumns));
    }

    [Fact]
    public void ReportsTheEffectiveSampleSizeAndTheMostShiftedFeatureAndWritesWeights()
    {
        string dir = TestPaths.NewTempFolder();
        var (train, test) = WriteTables(dir, shift: 2.0);
        string weights = Path.Combine(dir, "weights.csv");

        var run = CliRun.Of("shift", "--train", train, "--test", test, "--out", weights);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("effective sample size", run.Output);
        Assert.Contains("dwkmm", run.Output);
        var featureLine = run.Output.Split('\n').First(l => l.Contains("│ a ") || l.Contains("│ b ") || l.Contains("│ c "));
        Assert.Contains("│ b ", featureLine);
        var lines = File.ReadAllLines(weights);
        Assert.Equal("set,row,weight,ood_score", lines[0]);
        Assert.Equal(1 + 60 + 40, lines.Length);
        Assert.Equal(60, lines.Count(l => l.StartsWith("train,", StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.StartsWith("test,", StringComparison.Ordinal)), l => Assert.NotEqual("", l.Split(',')[3]));
    }

    [Theory]
    [InlineData("kmm")]
    [InlineData("logistic")]
    public void EveryMethodRuns(string method)
    {
        string dir = TestPaths.NewTempFolder();
        var (train, test) = WriteTables(dir, shift: 1.0);

        var run = CliRun.Of("shift", "--train", train, "--test", test, "--method", method, "--top", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("effective sample size", run.Output);
        Assert.Contains(method, run.Output);
    }

    [Fact]
    public void AMacrODataPairReportsHowWellTheOodScoreFindsTheOutliers()
    {
        string dir = TestPaths.NewTempFolder();
        string pair = Path.Combine(dir, "cardio.npz");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, pair, "--seed", "1").ExitCode);

        var run = CliRun.Of("shift", "--train", pair, "--method", "logistic");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("OOD AUROC vs test labels", run.Output);
    }

    [Theory]
    [InlineData("--method", "nope")]
    [InlineData("--d", "0.5")]
    [InlineData("--top", "-1")]
    public void BadRequestsAreUsageErrors(params string[] args)
    {
        var (train, test) = WriteTables(TestPaths.NewTempFolder(), shift: 1.0);

        var run = CliRun.Of(["shift", "--train", train, "--test", test, .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.ErrorLines[0]);
        Assert.DoesNotContain("(Parameter", run.Error);
    }

    [Fact]
    public void TablesOfDifferentWidthsAreAOneLineFailure()
    {
        var (train, test) = WriteTables(TestPaths.NewTempFolder(), shift: 1.0, testColumns: 4);

        var run = CliRun.Of("shift", "--train", train, "--test", test);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("features", line);
    }
}
