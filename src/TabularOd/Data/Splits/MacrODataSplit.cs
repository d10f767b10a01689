using TabularOd.Sampling;

namespace TabularOd.Data.Splits;

/// <summary>
/// The MacrOData split of a single labelled table (ADBench <c>X</c>/<c>y</c>, an ODDS <c>.mat</c>, a CSV
/// without a split column): half of the inliers train; the other inliers and every outlier test.
/// </summary>
/// <remarks>
/// <para>
/// Train receives ⌊n/2⌋ of the n inliers, chosen uniformly at random, and test receives the other ⌈n/2⌉
/// inliers plus all outliers. Rounding down matches scikit-learn's <c>train_test_split(test_size=0.5)</c>,
/// which gives the odd inlier to test.
/// </para>
/// <para>
/// When the table has group ids, the halving is done per group, so each group contributes ⌊n_g/2⌋ of its
/// n_g inliers to train (a group with a single inlier contributes none) and train and test see the same
/// mix of groups. Groups are visited in ascending id order.
/// </para>
/// <para>
/// The result depends on the seed and the table alone: the inlier indices of each group (in table order)
/// are shuffled with <see cref="SeededRandom"/>, the first half is taken, and train and test rows then keep
/// their original relative order.
/// </para>
/// </remarks>
public static class MacrODataSplit
{
    /// <summary>The metadata key that records the seed of the split.</summary>
    public const string SeedMetadataKey = "split_seed";

    /// <summary>Splits <paramref name="table"/> into an inlier-only train table and a test table.</summary>
    /// <exception cref="ArgumentException">
    /// The table has no labels, or too few inliers for train to get any row.
    /// </exception>
    public static TrainTestPair Split(Dataset table, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Labels is not { } labels)
        {
            throw new ArgumentException(
                $"Dataset '{table.Name}' has no labels; the MacrOData split needs them to keep outliers out of train.",
                nameof(table));
        }

        var random = new SeededRandom(seed);
        var inTrain = new bool[table.Rows];
        int trainCount = 0;
        foreach (int[] inliers in InliersByGroup(labels, table.Groups))
        {
            random.Shuffle(inliers.AsSpan());
            for (int k = 0; k < inliers.Length / 2; k++)
            {
                inTrain[inliers[k]] = true;
                trainCount++;
            }
        }
        if (trainCount == 0)
        {
            string per = table.Groups is null ? "" : " in any group";
            throw new ArgumentException(
                $"Dataset '{table.Name}' has fewer than 2 inliers{per}, so the split would leave train empty.",
                nameof(table));
        }

        var trainRows = new int[trainCount];
        var testRows = new int[table.Rows - trainCount];
        for (int i = 0, tr = 0, te = 0; i < table.Rows; i++)
        {
            if (inTrain[i])
            {
                trainRows[tr++] = i;
            }
            else
            {
                testRows[te++] = i;
            }
        }

        var metadata = new Dictionary<string, object>(table.Metadata) { [SeedMetadataKey] = (long)seed };
        var train = table.SelectRows(trainRows) with { Metadata = metadata };
        var test = table.SelectRows(testRows) with { Metadata = metadata };
        return new TrainTestPair(train, test);
    }

    /// <summary>The inlier row indices of each group, in table order; one group when there are no group ids.</summary>
    private static IEnumerable<int[]> InliersByGroup(int[] labels, long[]? groups)
    {
        if (groups is null)
        {
            return [Enumerable.Range(0, labels.Length).Where(i => labels[i] == 0).ToArray()];
        }
        return Enumerable.Range(0, labels.Length)
            .Where(i => labels[i] == 0)
            .GroupBy(i => groups[i])
            .OrderBy(g => g.Key)
            .Select(g => g.ToArray());
    }
}
