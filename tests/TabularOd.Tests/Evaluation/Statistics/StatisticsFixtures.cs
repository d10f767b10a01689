using System.Text.Json;
using TabularOd.Evaluation.Statistics;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Evaluation.Statistics;

/// <summary>Expected Wilcoxon outcome: SciPy's statistic and p-value and which regime SciPy took.</summary>
public sealed record ExpectedWilcoxon(double Statistic, double PValue, int Count, string Regime);

/// <summary>One standalone Wilcoxon case of the fixture.</summary>
public sealed record WilcoxonCase(string Name, double[] X, double[] Y, ExpectedWilcoxon Expected);

/// <summary>One pairwise comparison expected in a table (all pairs or versus best).</summary>
public sealed record ExpectedPair(int First, int Second, int? Datasets, int? FirstWins, int? Ties, int? SecondWins, ExpectedWilcoxon Wilcoxon, double Holm);

/// <summary>One method's expected summary in a table.</summary>
public sealed record ExpectedMethod(int Count, double Mean, double Median, double CiLow, double CiHigh, double AverageRank, double WinRate);

/// <summary>One score table of the fixture with everything SciPy/NumPy computed for it.</summary>
public sealed record TableCase(
    string Name,
    string[] Methods,
    double[,] Scores,
    long Seed,
    int Resamples,
    double Level,
    int CompleteDatasets,
    double[][] Ranks,
    ExpectedMethod[] ExpectedMethods,
    (double Statistic, double PValue)? Friedman,
    double Cd05,
    double Cd10,
    int BestMethod,
    ExpectedPair[] Pairs,
    ExpectedPair[] VersusBest)
{
    public ScoreTable ToTable() => ScoreTable.Create(Methods, Scores);

    public BenchmarkStatisticsOptions Options(ComparisonFamily family = ComparisonFamily.AllPairs) =>
        new() { Seed = Seed, Resamples = Resamples, ConfidenceLevel = Level, Comparisons = family };

    public override string ToString() => Name;
}

/// <summary>
/// Loads Fixtures/statistics/scipy_statistics.json (written by benchmarks/peers/make_statistics_fixtures.py)
/// once per test run.
/// </summary>
public static class StatisticsFixtures
{
    private static readonly Lazy<Loaded> Data = new(Load);

    public static string FilePath => Path.Combine(TestPaths.Fixtures, "statistics", "scipy_statistics.json");

    public static string ScipyVersion => Data.Value.Scipy;

    public static IReadOnlyDictionary<string, TableCase> Tables => Data.Value.Tables;

    public static IReadOnlyDictionary<string, WilcoxonCase> WilcoxonCases => Data.Value.Wilcoxon;

    public static IReadOnlyList<(double[] P, double[] Adjusted)> HolmCases => Data.Value.Holm;

    public static IReadOnlyList<(int K, double Alpha, double Q, double QOverSqrt2)> StudentizedRangeQuantiles => Data.Value.Quantiles;

    public static IReadOnlyList<(int K, double Q, double Cdf, double CdfTight)> StudentizedRangeCdf => Data.Value.Cdf;

    private sealed record Loaded(
        string Scipy,
        Dictionary<string, TableCase> Tables,
        Dictionary<string, WilcoxonCase> Wilcoxon,
        List<(double[], double[])> Holm,
        List<(int, double, double, double)> Quantiles,
        List<(int, double, double, double)> Cdf);

    private static Loaded Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        var root = document.RootElement;

        var quantiles = root.GetProperty("studentized_range_quantiles").EnumerateArray()
            .Select(e => (e.GetProperty("k").GetInt32(), e.GetProperty("alpha").GetDouble(), e.GetProperty("q").GetDouble(), e.GetProperty("q_over_sqrt2").GetDouble()))
            .ToList();
        var cdf = root.GetProperty("studentized_range_cdf").EnumerateArray()
            .Select(e => (e.GetProperty("k").GetInt32(), e.GetProperty("q").GetDouble(), e.GetProperty("cdf").GetDouble(), e.GetProperty("cdf_tight").GetDouble()))
            .ToList();
        var holm = root.GetProperty("holm_cases").EnumerateArray()
            .Select(e => (Doubles(e.GetProperty("p")), Doubles(e.GetProperty("adjusted"))))
            .ToList();
        var wilcoxon = new Dictionary<string, WilcoxonCase>(StringComparer.Ordinal);
        foreach (var e in root.GetProperty("wilcoxon_cases").EnumerateArray())
        {
            var name = e.GetProperty("name").GetString()!;
            wilcoxon.Add(name, new WilcoxonCase(name, Doubles(e.GetProperty("x")), Doubles(e.GetProperty("y")), Wilcoxon(e)));
        }

        var tables = new Dictionary<string, TableCase>(StringComparer.Ordinal);
        foreach (var e in root.GetProperty("tables").EnumerateArray())
        {
            var name = e.GetProperty("name").GetString()!;
            var rows = e.GetProperty("scores").EnumerateArray().Select(NullableDoubles).ToArray();
            var scores = new double[rows.Length, rows[0].Length];
            for (int m = 0; m < rows.Length; m++)
            {
                for (int d = 0; d < rows[m].Length; d++)
                {
                    scores[m, d] = rows[m][d];
                }
            }
            var x = e.GetProperty("expected");
            var methods = x.GetProperty("methods").EnumerateArray().Select(m => new ExpectedMethod(
                m.GetProperty("count").GetInt32(),
                m.GetProperty("mean").GetDouble(),
                m.GetProperty("median").GetDouble(),
                m.GetProperty("ci_low").GetDouble(),
                m.GetProperty("ci_high").GetDouble(),
                m.GetProperty("average_rank").GetDouble(),
                m.GetProperty("win_rate").GetDouble())).ToArray();
            var friedman = x.GetProperty("friedman");
            var cd = x.GetProperty("critical_difference");
            tables.Add(name, new TableCase(
                name,
                e.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray(),
                scores,
                e.GetProperty("seed").GetInt64(),
                e.GetProperty("resamples").GetInt32(),
                e.GetProperty("level").GetDouble(),
                x.GetProperty("complete_datasets").GetInt32(),
                x.GetProperty("ranks").EnumerateArray().Select(Doubles).ToArray(),
                methods,
                friedman.ValueKind == JsonValueKind.Null
                    ? null
                    : (friedman.GetProperty("statistic").GetDouble(), friedman.GetProperty("pvalue").GetDouble()),
                cd.GetProperty("0.05").GetDouble(),
                cd.GetProperty("0.1").GetDouble(),
                x.GetProperty("best_method").GetInt32(),
                x.GetProperty("pairs").EnumerateArray().Select(Pair).ToArray(),
                x.GetProperty("versus_best").EnumerateArray().Select(Pair).ToArray()));
        }
        return new Loaded(root.GetProperty("scipy").GetString()!, tables, wilcoxon, holm, quantiles, cdf);
    }

    private static ExpectedPair Pair(JsonElement e) => new(
        e.GetProperty("first").GetInt32(),
        e.GetProperty("second").GetInt32(),
        OptionalInt(e, "datasets"),
        OptionalInt(e, "first_wins"),
        OptionalInt(e, "ties"),
        OptionalInt(e, "second_wins"),
        Wilcoxon(e),
        e.GetProperty("holm").GetDouble());

    private static ExpectedWilcoxon Wilcoxon(JsonElement e) => new(
        e.GetProperty("statistic").GetDouble(),
        e.GetProperty("pvalue").GetDouble(),
        e.GetProperty("count").GetInt32(),
        e.GetProperty("regime").GetString()!);

    private static int? OptionalInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[] NullableDoubles(JsonElement e) =>
        e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
}
