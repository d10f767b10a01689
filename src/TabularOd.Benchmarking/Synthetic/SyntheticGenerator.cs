using TabularOd.Data;
using TabularOd.Data.Splits;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// Turns a <see cref="SyntheticSpec"/> into a dataset in the MacrOData layout: half of the inliers train, the
/// other inliers and every outlier test, with metadata naming the prior, archetype and seed. A pure function of
/// the spec: the same spec gives the same rows, split and file bytes on every run and thread count.
/// </summary>
public static class SyntheticGenerator
{
    /// <summary>
    /// Version of the generation procedure, written into every file. Any change to a draw changes the bytes a spec
    /// produces, and must bump this so that files made by different builds can be told apart.
    /// </summary>
    public const long GeneratorVersion = 1;

    /// <summary>The labelled table before the split, rows in random order (outliers are not all at the end).</summary>
    /// <exception cref="ArgumentException">A field of <paramref name="spec"/> is out of range.</exception>
    public static Dataset GenerateTable(SyntheticSpec spec) => Build(spec).Table;

    /// <summary>The train/test pair of the MacrOData split protocol.</summary>
    /// <exception cref="ArgumentException">A field of <paramref name="spec"/> is out of range.</exception>
    public static TrainTestPair Generate(SyntheticSpec spec)
    {
        var (table, splitSeed) = Build(spec);
        return MacrODataSplit.Split(table, splitSeed);
    }

    /// <summary>
    /// Generates the spec and writes it as an <c>.npz</c> file at <paramref name="path"/> (replacing any file
    /// there; written beside it first and moved into place); returns what was written.
    /// </summary>
    public static TrainTestPair Write(SyntheticSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pair = Generate(spec);
        DataWriter.Write(DataFile.OfPair(path, pair), path);
        return pair;
    }

    private static (Dataset Table, int SplitSeed) Build(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var root = new SeededRandom(spec.Seed);
        SeededRandom parameters = root.Child(), inlierDraws = root.Child(), outlierDraws = root.Child(), order = root.Child();
        int splitSeed = root.NextInt(int.MaxValue);

        var prior = PriorModel.Create(spec.Prior, spec.Features, parameters);
        int inlierCount = spec.InlierCount, outlierCount = spec.OutlierCount;
        var inliers = prior.SampleInliers(inlierCount, inlierDraws);
        var outliers = spec.Archetype switch
        {
            OutlierArchetype.Global => ClassicOutliers.Global(inliers, outlierCount, outlierDraws),
            OutlierArchetype.Dependency => ClassicOutliers.Dependency(prior.SampleInliers(Math.Max(inlierCount, outlierCount), outlierDraws), outlierCount, outlierDraws),
            OutlierArchetype.Clustered => ClassicOutliers.Clustered(inliers, outlierCount, outlierDraws),
            _ => prior.SampleOutliers(spec.Archetype, outlierCount, outlierDraws),
        };

        // Shuffled so that row position says nothing about the label, in the table and in the split's test half.
        var rowOrder = Enumerable.Range(0, spec.Rows).ToArray();
        order.Shuffle(rowOrder.AsSpan());
        var features = new DataMatrix(spec.Rows, spec.Features);
        var labels = new int[spec.Rows];
        for (int i = 0; i < spec.Rows; i++)
        {
            int source = rowOrder[i];
            bool outlier = source >= inlierCount;
            (outlier ? outliers.Row(source - inlierCount) : inliers.Row(source)).CopyTo(features.Row(i));
            labels[i] = outlier ? 1 : 0;
        }
        if (features.TryFindNonFinite(out int row, out int column))
        {
            throw new InvalidOperationException(
                $"Synthetic dataset '{spec.DatasetName}' ({spec.Prior.Token()}/{spec.Archetype.Token()}) drew a non-finite value at row {row}, column {column}; this is a generator defect.");
        }
        return (new Dataset(spec.DatasetName, features, labels: labels, metadata: Metadata(spec, prior)), splitSeed);
    }

    private static Dictionary<string, object> Metadata(SyntheticSpec spec, PriorModel prior)
    {
        // The keys the MacrOData files carry (dataset_type, counts, fraction, tags) plus what regenerates the file.
        var metadata = new Dictionary<string, object>
        {
            ["dataset_type"] = "synthetic",
            ["origin"] = "synthetic",
            ["prior"] = spec.Prior.Token(),
            ["archetype"] = spec.Archetype.Token(),
            ["seed"] = spec.Seed,
            ["contamination"] = spec.Contamination,
            ["anomaly_count"] = (long)spec.OutlierCount,
            ["normal_count"] = (long)spec.InlierCount,
            ["anomaly_fraction"] = (double)spec.OutlierCount / spec.Rows,
            ["feature_count"] = (long)spec.Features,
            ["generator_version"] = GeneratorVersion,
            ["tags"] = new[] { SyntheticSuite.Name, "synthetic", $"prior_{spec.Prior.Token()}", $"archetype_{spec.Archetype.Token()}" },
        };
        foreach (var (key, value) in prior.Describe())
        {
            metadata[key] = value;
        }
        return metadata;
    }
}
