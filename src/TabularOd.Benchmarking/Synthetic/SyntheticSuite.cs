using System.Globalization;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// Plans a SynBench-style suite: which prior × archetype combinations exist, and a list of specs that visits
/// them in turn with sizes, widths and contaminations drawn from a seed.
/// </summary>
public static class SyntheticSuite
{
    /// <summary>The suite's name in its manifest and tags.</summary>
    public const string Name = "synbench";

    /// <summary>Smallest planned row count (inliers and outliers, before the split).</summary>
    public const int MinRows = 200;

    /// <summary>Largest planned row count.</summary>
    public const int MaxRows = 3000;

    /// <summary>Fewest planned features.</summary>
    public const int MinFeatures = 3;

    /// <summary>Most planned features.</summary>
    public const int MaxFeatures = 40;

    /// <summary>Smallest planned contamination.</summary>
    public const double MinContamination = 0.02;

    /// <summary>Largest planned contamination.</summary>
    public const double MaxContamination = 0.15;

    /// <summary>
    /// Every valid prior × archetype pair, by prior and then archetype: the classic archetypes (global, dependency,
    /// clustered) with every prior, and each prior's own (GMM: local, subspace; SCM: measurement, structural;
    /// copula: probabilistic, dependence). Classic "local" is the GMM's alone, since only it has clusters whose
    /// covariance can be inflated.
    /// </summary>
    public static IReadOnlyList<(SyntheticPrior Prior, OutlierArchetype Archetype)> Combinations { get; } =
    [
        (SyntheticPrior.Gmm, OutlierArchetype.Global),
        (SyntheticPrior.Gmm, OutlierArchetype.Dependency),
        (SyntheticPrior.Gmm, OutlierArchetype.Clustered),
        (SyntheticPrior.Gmm, OutlierArchetype.Local),
        (SyntheticPrior.Gmm, OutlierArchetype.Subspace),
        (SyntheticPrior.Scm, OutlierArchetype.Global),
        (SyntheticPrior.Scm, OutlierArchetype.Dependency),
        (SyntheticPrior.Scm, OutlierArchetype.Clustered),
        (SyntheticPrior.Scm, OutlierArchetype.Measurement),
        (SyntheticPrior.Scm, OutlierArchetype.Structural),
        (SyntheticPrior.Copula, OutlierArchetype.Global),
        (SyntheticPrior.Copula, OutlierArchetype.Dependency),
        (SyntheticPrior.Copula, OutlierArchetype.Clustered),
        (SyntheticPrior.Copula, OutlierArchetype.Probabilistic),
        (SyntheticPrior.Copula, OutlierArchetype.Dependence),
    ];

    /// <summary>Whether <paramref name="prior"/> can make outliers of <paramref name="archetype"/>.</summary>
    public static bool Supports(SyntheticPrior prior, OutlierArchetype archetype) => Combinations.Contains((prior, archetype));

    /// <summary>
    /// <paramref name="count"/> specs: spec i takes combination i mod <see cref="Combinations"/>.Count, rows
    /// log-uniform in [<see cref="MinRows"/>, <see cref="MaxRows"/>], features uniform in
    /// [<see cref="MinFeatures"/>, <see cref="MaxFeatures"/>], contamination uniform in
    /// [<see cref="MinContamination"/>, <see cref="MaxContamination"/>] (to three decimals) and its own seed, all
    /// drawn from <paramref name="seed"/>; named <c>syn-0007-copula-dependence</c> and so on.
    /// </summary>
    /// <remarks>Spec i depends only on <paramref name="seed"/> and i, so a longer plan extends a shorter one.</remarks>
    public static IReadOnlyList<SyntheticSpec> Plan(int count, long seed)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The 'count' parameter of SyntheticSuite.Plan must be ≥ 1. Got {count}.");
        }
        var random = new SeededRandom(seed);
        int digits = Math.Max(4, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var specs = new SyntheticSpec[count];
        for (int i = 0; i < count; i++)
        {
            var (prior, archetype) = Combinations[i % Combinations.Count];
            int rows = (int)Math.Round(Math.Exp(random.Uniform(Math.Log(MinRows), Math.Log(MaxRows))));
            int features = random.IntInclusive(MinFeatures, MaxFeatures);
            double contamination = Math.Round(random.Uniform(MinContamination, MaxContamination), 3);
            // Non-negative, so the seed reads the same in every tool that prints it.
            long datasetSeed = (long)(random.NextUInt64() >> 1);
            specs[i] = new SyntheticSpec(prior, archetype, rows, features, contamination, datasetSeed)
            {
                Name = $"syn-{i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}-{prior.Token()}-{archetype.Token()}",
            };
        }
        return specs;
    }

    /// <summary>The file name a spec is written to: its dataset name with <c>.npz</c>.</summary>
    public static string FileName(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.DatasetName + ".npz";
    }
}
