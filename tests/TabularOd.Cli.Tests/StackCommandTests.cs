using System.Globalization;
using TabularOd.Cli.Commands;
using TabularOd.Cli.Tests.Support;
using TabularOd.Sampling;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class StackCommandTests
{
    private static readonly string[] Models = ["m0", "m1", "m2", "m3", "m4", "m0_copy"];

    /// <summary>
    /// Writes a prediction table: the target y and base models m0…m4 (y plus noise of growing size) and m0_copy (m0
    /// plus tiny noise, a duplicate); <paramref name="columns"/> overrides the header (and so the columns written).
    /// </summary>
    private static string WriteTable(string dir, string name, int rows, int seed, string[]? columns = null, bool withTarget = true)
    {
        var random = new SeededRandom(seed);
        string[] header = columns ?? [.. Models, .. withTarget ? new[] { "y" } : []];
        var lines = new List<string> { string.Join(',', header) };
        for (int i = 0; i < rows; i++)
        {
            double y = 3 * random.NextGaussian();
            var m = new double[5];
            for (int j = 0; j < 5; j++)
            {
                m[j] = y + (0.5 + 0.3 * j) * random.NextGaussian();
            }
            double copy = m[0] + 0.001 * random.NextGaussian();
            var values = header.Select(c => c switch
            {
                "y" => y,
                "m0_copy" => copy,
                _ when c.Length == 2 && c[0] == 'm' && char.IsDigit(c[1]) => m[c[1] - '0'],
                _ => random.NextGaussian(),
            });
            lines.Add(string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        string path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void FitThenSaveThenApplyGivesTheSamePredictionsAsFitsOwnTestPredictions()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 240, seed: 1);
        string test = WriteTable(dir, "test.csv", 60, seed: 2, withTarget: false);
        string fitOut = Path.Combine(dir, "fit.csv"), applyOut = Path.Combine(dir, "apply.csv"), stack = Path.Combine(dir, "stack.bin");

        var fit = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--test", test, "--out", fitOut, "--save-stack", stack, "--folds", "5");
        var apply = CliRun.Of("stack", "apply", "--stack", stack, "--test", test, "--out", applyOut);

        Assert.Equal(ExitCodes.Ok, fit.ExitCode);
        Assert.Equal(ExitCodes.Ok, apply.ExitCode);
        Assert.Equal("", fit.Error);
        var lines = File.ReadAllLines(fitOut);
        Assert.Equal("row,prediction", lines[0]);
        Assert.Equal(1 + 60, lines.Length);
        Assert.Equal(lines, File.ReadAllLines(applyOut));
    }

    [Fact]
    public void LargeTablesAreWarmedUpBeforeTheTimedFits_SmallOnesAreNot()
    {
        // The warm-up fits the first 300 rows once, so that the first timed method is not charged the start-up
        // compilation; it would cost as much as the fits on a table under 1200 rows.
        string dir = TestPaths.NewTempFolder();
        var large = CliRun.Of("stack", "fit", "--oof", WriteTable(dir, "large.csv", 1300, seed: 3), "--target", "y", "--no-baselines");
        var small = CliRun.Of("stack", "fit", "--oof", WriteTable(dir, "small.csv", 1100, seed: 3), "--target", "y", "--no-baselines");
        Assert.Equal(ExitCodes.Ok, large.ExitCode);
        Assert.Equal(ExitCodes.Ok, small.ExitCode);
        Assert.Contains("warming up", large.Output);
        Assert.DoesNotContain("warming up", small.Output);
        Assert.True(large.Output.IndexOf("warming up", StringComparison.Ordinal) < large.Output.IndexOf("fitting the stack", StringComparison.Ordinal));
    }

    [Fact]
    public void FitReportsTheStackItsMetaModelsAndEveryBaseline()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 240, seed: 1);

        var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--folds", "5");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (string method in new[] { "stack (full method)", "ridge_cv", "lasso_cv", "elastic_net_cv", "best_single", "simple_mean",
            "inverse_rmse_mean", "ridge_stack", "hill_climbing", "convex_weights" })
        {
            Assert.Contains($"│ {method}", run.Output.Replace("│   ", "│ ", StringComparison.Ordinal));
        }
        Assert.Contains("kept 5 of 6 base models", run.Output);
        Assert.Contains("condition number", run.Output);
    }

    [Fact]
    public void OofOutWritesTheTargetTheStackEveryMetaModelAndEveryBaselinePerRow()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 120, seed: 5);
        string output = Path.Combine(dir, "meta_oof.csv");

        var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--folds", "3", "--oof-out", output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("row,target,stack,ridge_cv,lasso_cv,elastic_net_cv,best_single,simple_mean,inverse_rmse_mean,ridge_stack,hill_climbing,convex_weights", lines[0]);
        Assert.Equal(121, lines.Length);
        var targets = File.ReadAllLines(oof).Skip(1).Select(l => l.Split(',')[^1]);
        Assert.Equal(targets, lines.Skip(1).Select(l => l.Split(',')[1]));
    }

    [Fact]
    public void ClipQuantileReachesThePipeline()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 120, seed: 5);
        string[] StackColumn(string clip)
        {
            string output = Path.Combine(dir, $"meta_oof_{clip}.csv");
            var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--folds", "3", "--no-baselines", "--clip-quantile", clip, "--oof-out", output);
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            return File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        }

        // A quarter of each tail clipped away must move some out-of-fold predictions; none clipped is another stack.
        Assert.NotEqual(StackColumn("0"), StackColumn("0.25"));
    }

    [Fact]
    public void TestColumnsMayComeInAnyOrderAndATargetColumnGivesATestRmse()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 200, seed: 1);
        string test = WriteTable(dir, "test.csv", 40, seed: 2, columns: ["y", "m4", "m3", "m2", "m1", "m0_copy", "m0"]);
        string stack = Path.Combine(dir, "stack.bin"), output = Path.Combine(dir, "p.csv");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--save-stack", stack, "--no-baselines", "--folds", "4").ExitCode);

        var run = CliRun.Of("stack", "apply", "--stack", stack, "--test", test, "--out", output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("test RMSE", run.Output);
        Assert.Equal(41, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void AblatePrintsEveryVariant()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 200, seed: 3);

        var run = CliRun.Of("stack", "ablate", "--oof", oof, "--target", "y", "--folds", "4");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var rows = run.Output.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal)).ToArray();
        foreach (var (name, _) in StackCommand.AblationVariants)
        {
            Assert.Single(rows, r => r.StartsWith($"│ {name} ", StringComparison.Ordinal));
        }
        Assert.Contains("no dedup", run.Output);
        Assert.Contains("elasticnet only", run.Output);
    }

    [Fact]
    public void AnUnknownTargetColumnIsAOneLineFailureNamingTheFileAndTheColumn()
    {
        string oof = WriteTable(TestPaths.NewTempFolder(), "oof.csv", 50, seed: 1);

        var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "price");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(oof, line);
        Assert.Contains("'price'", line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("ablate")]
    [InlineData("apply")]
    public void AMissingFileIsAOneLineFailureNamingIt(string verb)
    {
        string dir = TestPaths.NewTempFolder();
        string missing = Path.Combine(dir, "nope.csv");
        string[] args = verb == "apply"
            ? ["stack", "apply", "--stack", Path.Combine(dir, "nope.bin"), "--test", missing, "--out", Path.Combine(dir, "p.csv")]
            : ["stack", verb, "--oof", missing, "--target", "y"];

        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(verb == "apply" ? "nope.bin" : "nope.csv", line);
    }

    [Theory]
    [InlineData("m3", "missing")]
    [InlineData("extra", "not a base model")]
    public void ATestTableWithAMissingOrExtraColumnIsAOneLineFailureNamingTheFileAndTheColumn(string column, string problem)
    {
        string dir = TestPaths.NewTempFolder();
        string oof = WriteTable(dir, "oof.csv", 120, seed: 1);
        string[] header = column == "extra" ? [.. Models, "extra"] : [.. Models.Where(m => m != column)];
        string test = WriteTable(dir, "test.csv", 20, seed: 2, columns: header);
        string stack = Path.Combine(dir, "stack.bin");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--save-stack", stack, "--no-baselines", "--folds", "3").ExitCode);

        var fit = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--test", test, "--out", Path.Combine(dir, "p.csv"));
        var apply = CliRun.Of("stack", "apply", "--stack", stack, "--test", test, "--out", Path.Combine(dir, "q.csv"));

        foreach (var run in new[] { fit, apply })
        {
            Assert.Equal(ExitCodes.Failure, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.Contains(test, line);
            Assert.Contains($"'{column}'", line);
            Assert.Contains(problem, line);
        }
        Assert.False(File.Exists(Path.Combine(dir, "q.csv")));
    }

    [Fact]
    public void ANonNumericCellIsAOneLineFailureNamingTheColumn()
    {
        string dir = TestPaths.NewTempFolder();
        string oof = Path.Combine(dir, "oof.csv");
        File.WriteAllLines(oof, ["a,b,y", "1,2,3", "1,oops,3"]);

        var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("'b'", line);
        Assert.Contains("'oops'", line);
    }

    [Fact]
    public void AFileThatIsNotAStackIsAOneLineFailure()
    {
        string dir = TestPaths.NewTempFolder();
        string test = WriteTable(dir, "test.csv", 20, seed: 2, withTarget: false);

        var run = CliRun.Of("stack", "apply", "--stack", test, "--test", test, "--out", Path.Combine(dir, "p.csv"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("not a tabod stack file", line);
    }

    [Theory]
    [InlineData("--models", "ridge,forest")]
    [InlineData("--models", "ridge,ridge")]
    [InlineData("--tau-corr", "1.5")]
    [InlineData("--folds", "1")]
    [InlineData("--clip-quantile", "0.5")]
    [InlineData("--out", "p.csv")]
    [InlineData("--loss", "hinge")]
    public void BadRequestsAreUsageErrors(params string[] args)
    {
        string oof = WriteTable(TestPaths.NewTempFolder(), "oof.csv", 60, seed: 1);

        var run = CliRun.Of(["stack", "fit", "--oof", oof, "--target", "y", "--no-baselines", .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("(Parameter", run.Error);
    }

    /// <summary>
    /// A binary table: label y ∈ {0, 1}, underconfident probability columns p0…p2 (squeezed towards ½) and p3, a
    /// sharp column rounded to 0/1: the best RMSE, but confident and sometimes wrong, so the worst log-loss.
    /// </summary>
    private static string WriteBinaryTable(string dir, int rows, int seed)
    {
        var random = new SeededRandom(seed);
        var lines = new List<string> { "p0,p1,p2,p3,y" };
        for (int i = 0; i < rows; i++)
        {
            double score = random.NextGaussian();
            double y = score + (0.3 * random.NextGaussian()) > 0 ? 1 : 0;
            var p = Enumerable.Range(0, 4).Select(j => 1 / (1 + Math.Exp(-(score + ((j < 3 ? 0.3 + (0.2 * j) : 0.05) * random.NextGaussian()))))).ToArray();
            for (int j = 0; j < 3; j++)
            {
                p[j] = 0.5 + (0.2 * (p[j] - 0.5));
            }
            p[3] = Math.Round(p[3]);
            lines.Add(string.Join(',', [.. p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)), y.ToString(CultureInfo.InvariantCulture)]));
        }
        string path = Path.Combine(dir, "binary.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("ablate")]
    public void LogLossIsReportedBesideRmseForABinaryTarget(string verb)
    {
        string oof = WriteBinaryTable(TestPaths.NewTempFolder(), 400, seed: 4);

        var run = CliRun.Of("stack", verb, "--oof", oof, "--target", "y", "--loss", "logloss", "--folds", "5");
        var plain = CliRun.Of("stack", verb, "--oof", oof, "--target", "y", "--folds", "5");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("OOF log-loss", run.Output);
        Assert.DoesNotContain("OOF log-loss", plain.Output);
        if (verb == "fit")
        {
            // The rounded column p3 has the best RMSE here but an enormous log-loss: best single must change with the loss.
            string Row(string output) => output.Split('\n').Single(l => l.StartsWith("│ best_single ", StringComparison.Ordinal));
            Assert.NotEqual(Row(plain.Output).Split('│')[2], Row(run.Output).Split('│')[2]);
        }
    }

    [Fact]
    public void LogLossOnANonBinaryTargetIsAOneLineFailureNamingTheFileAndTheColumn()
    {
        string oof = WriteTable(TestPaths.NewTempFolder(), "oof.csv", 60, seed: 1);

        var run = CliRun.Of("stack", "fit", "--oof", oof, "--target", "y", "--loss", "logloss");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(oof, line);
        Assert.Contains("'y'", line);
        Assert.Contains("0/1", line);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
