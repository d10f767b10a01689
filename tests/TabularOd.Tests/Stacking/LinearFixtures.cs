using System.Text.Json;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Stacking;

/// <summary>One fitted linear model of the peer: its settings, weights and intercept.</summary>
public sealed record PeerLinearFit(double Alpha, double L1Ratio, int Iterations, double[] Coefficients, double Intercept);

/// <summary>A cross-validated peer selection: chosen α and ρ, grid, CV errors, refitted model.</summary>
public sealed record PeerCvFit(double Alpha, double L1Ratio, double[] Alphas, double[][] MeanMse, double[] Coefficients, double Intercept);

/// <summary>One case of Fixtures/stacking/linear_cases.json (written by benchmarks/peers/make_stacking_fixtures.py).</summary>
public sealed record LinearCase(
    string Name,
    DataMatrix X,
    double[] Y,
    double[] SampleWeight,
    PeerLinearFit[] Ridge,
    PeerCvFit RidgeCv,
    double[] RidgeCvLooMse,
    PeerLinearFit[] ElasticNet,
    PeerCvFit LassoCv,
    PeerCvFit ElasticNetCv,
    double[] CvL1Ratios,
    PeerLinearFit[] ElasticNetGram,
    PeerCvFit LassoCvAuto);

/// <summary>Loads the scikit-learn linear-model fixtures once per test run.</summary>
public static class LinearFixtures
{
    private static readonly Lazy<(string Sklearn, IReadOnlyDictionary<string, LinearCase> Cases)> Loaded = new(Load);

    public static string SklearnVersion => Loaded.Value.Sklearn;

    public static IReadOnlyDictionary<string, LinearCase> Cases => Loaded.Value.Cases;

    public static string FilePath => Path.Combine(TestPaths.Fixtures, "stacking", "linear_cases.json");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    /// <summary>Largest |expected − actual| over the coefficients and the intercept.</summary>
    public static double MaxDifference(double[] expectedCoefficients, double expectedIntercept, IReadOnlyList<double> coefficients, double intercept)
    {
        Assert.Equal(expectedCoefficients.Length, coefficients.Count);
        double max = Math.Abs(expectedIntercept - intercept);
        for (int j = 0; j < coefficients.Count; j++)
        {
            max = Math.Max(max, Math.Abs(expectedCoefficients[j] - coefficients[j]));
        }
        return max;
    }

    private static (string, IReadOnlyDictionary<string, LinearCase>) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        var root = document.RootElement;
        var cases = new Dictionary<string, LinearCase>(StringComparer.Ordinal);
        foreach (var item in root.GetProperty("cases").EnumerateArray())
        {
            string name = item.GetProperty("name").GetString()!;
            int rows = item.GetProperty("rows").GetInt32(), columns = item.GetProperty("columns").GetInt32();
            var weight = item.GetProperty("sample_weight");
            var ridgeCv = item.GetProperty("ridge_cv");
            var lassoCv = item.GetProperty("lasso_cv");
            var enetCv = item.GetProperty("elastic_net_cv");
            var autoCv = item.GetProperty("lasso_cv_auto");
            cases.Add(name, new LinearCase(
                name,
                DataMatrix.FromRowMajor(rows, columns, Doubles(item.GetProperty("x"))),
                Doubles(item.GetProperty("y")),
                weight.ValueKind == JsonValueKind.Null ? [] : Doubles(weight),
                [.. item.GetProperty("ridge").EnumerateArray().Select(e => Fit(e, 0.0, 0))],
                new PeerCvFit(ridgeCv.GetProperty("alpha").GetDouble(), 0.0, Doubles(ridgeCv.GetProperty("alphas")), [],
                    Doubles(ridgeCv.GetProperty("coef")), ridgeCv.GetProperty("intercept").GetDouble()),
                Doubles(ridgeCv.GetProperty("loo_mse")),
                [.. item.GetProperty("elastic_net").EnumerateArray().Select(e =>
                    Fit(e, e.GetProperty("l1_ratio").GetDouble(), e.GetProperty("n_iter").GetInt32()))],
                new PeerCvFit(lassoCv.GetProperty("alpha").GetDouble(), 1.0, Doubles(lassoCv.GetProperty("alphas")),
                    [Doubles(lassoCv.GetProperty("mse_path"))], Doubles(lassoCv.GetProperty("coef")), lassoCv.GetProperty("intercept").GetDouble()),
                new PeerCvFit(enetCv.GetProperty("alpha").GetDouble(), enetCv.GetProperty("l1_ratio").GetDouble(),
                    Doubles(enetCv.GetProperty("alphas")), [.. enetCv.GetProperty("mse_path").EnumerateArray().Select(Doubles)],
                    Doubles(enetCv.GetProperty("coef")), enetCv.GetProperty("intercept").GetDouble()),
                Doubles(enetCv.GetProperty("l1_ratios")),
                [.. item.GetProperty("elastic_net_gram").EnumerateArray().Select(e =>
                    Fit(e, e.GetProperty("l1_ratio").GetDouble(), e.GetProperty("n_iter").GetInt32()))],
                new PeerCvFit(autoCv.GetProperty("alpha").GetDouble(), 1.0, Doubles(autoCv.GetProperty("alphas")),
                    [Doubles(autoCv.GetProperty("mse_path"))], Doubles(autoCv.GetProperty("coef")), autoCv.GetProperty("intercept").GetDouble())));
        }
        return (root.GetProperty("sklearn").GetString()!, cases);
    }

    private static PeerLinearFit Fit(JsonElement e, double l1Ratio, int iterations) =>
        new(e.GetProperty("alpha").GetDouble(), l1Ratio, iterations, Doubles(e.GetProperty("coef")), e.GetProperty("intercept").GetDouble());

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
}
