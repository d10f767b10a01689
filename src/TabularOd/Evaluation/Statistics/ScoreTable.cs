using System.Collections.ObjectModel;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// The input to every cross-dataset statistic: one score per method and dataset (for example AUROC or
/// AUPRC), higher = better, <see cref="double.NaN"/> = missing (the method failed or the metric is undefined
/// on that dataset). Immutable; the values are copied on creation.
/// </summary>
/// <remarks>
/// <para>How missing cells are used, everywhere in this namespace:</para>
/// <list type="bullet">
/// <item><description>Per-method summaries (count, mean, median, bootstrap interval) use the method's own
/// values, so a method that failed on a few datasets still gets a summary of what it did score.</description></item>
/// <item><description>Ranks, win rates, the Friedman test and the critical difference use only the
/// <em>complete</em> datasets, those on which every method has a value: a rank is only comparable across
/// methods when all of them were ranked on the same datasets.</description></item>
/// <item><description>A pairwise comparison (win/tie/loss counts, Wilcoxon test) uses the datasets on which
/// both of its methods have a value, the largest sample that pairs them.</description></item>
/// </list>
/// <para>
/// So that each of these is defined, a table needs at least two methods, every method needs at least one
/// value and at least one dataset must be complete; <see cref="Create"/> rejects anything else.
/// </para>
/// </remarks>
public sealed class ScoreTable
{
    private const string CreateMethod = "ScoreTable.Create";

    private readonly double[] _values; // method-major: _values[method * DatasetCount + dataset]
    private readonly int[] _completeDatasets;

    private ScoreTable(string[] methods, double[] values, int datasetCount, int[] completeDatasets)
    {
        Methods = Array.AsReadOnly(methods);
        _values = values;
        DatasetCount = datasetCount;
        _completeDatasets = completeDatasets;
        CompleteDatasets = Array.AsReadOnly(completeDatasets);
    }

    /// <summary>Method names, in the order of the table's rows.</summary>
    public ReadOnlyCollection<string> Methods { get; }

    /// <summary>Number of methods (rows), k.</summary>
    public int MethodCount => Methods.Count;

    /// <summary>Number of datasets (columns), including incomplete ones.</summary>
    public int DatasetCount { get; }

    /// <summary>Indices of the datasets on which every method has a value, ascending.</summary>
    public ReadOnlyCollection<int> CompleteDatasets { get; }

    /// <summary>The score of a method on a dataset; NaN when missing.</summary>
    public double this[int method, int dataset]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)method, (uint)MethodCount, nameof(method));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)dataset, (uint)DatasetCount, nameof(dataset));
            return _values[(method * DatasetCount) + dataset];
        }
    }

    /// <summary>A method's scores over all datasets, NaN where missing.</summary>
    public ReadOnlySpan<double> Row(int method)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)method, (uint)MethodCount, nameof(method));
        return _values.AsSpan(method * DatasetCount, DatasetCount);
    }

    /// <summary>Index of a method by its name (ordinal comparison), or -1.</summary>
    public int IndexOf(string method) => Methods.IndexOf(method);

    internal ReadOnlySpan<int> CompleteDatasetSpan => _completeDatasets;

    /// <summary>
    /// Creates a table from a k × N matrix: <paramref name="scores"/>[m, d] is method m's score on dataset d.
    /// </summary>
    /// <param name="methods">Distinct, non-blank names, one per row; at least two.</param>
    /// <param name="scores">Finite scores, or NaN for a missing cell; no ±∞.</param>
    /// <exception cref="ArgumentException">The shape, a name or a value breaks the rules above, or a method has
    /// no value, or no dataset is complete.</exception>
    public static ScoreTable Create(IReadOnlyList<string> methods, double[,] scores)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(scores);
        int k = methods.Count;
        if (k < 2)
        {
            StatisticsArguments.Throw(nameof(methods), CreateMethod, $"must name at least 2 methods (statistics here compare methods). Got {k}.");
        }
        var names = new string[k];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int m = 0; m < k; m++)
        {
            string? name = methods[m];
            if (string.IsNullOrWhiteSpace(name))
            {
                StatisticsArguments.Throw(nameof(methods), CreateMethod, $"must hold non-blank names. Got a blank name at index {m}.");
            }
            if (!seen.Add(name))
            {
                StatisticsArguments.Throw(nameof(methods), CreateMethod, $"must hold distinct names. Got '{name}' twice.");
            }
            names[m] = name;
        }
        if (scores.GetLength(0) != k)
        {
            StatisticsArguments.Throw(nameof(scores), CreateMethod, $"must have one row per method ({k}). Got {scores.GetLength(0)}.");
        }
        int n = scores.GetLength(1);
        if (n == 0)
        {
            StatisticsArguments.Throw(nameof(scores), CreateMethod, "must have at least one dataset (column). Got 0.");
        }

        var values = new double[k * n];
        var missingPerDataset = new int[n];
        for (int m = 0; m < k; m++)
        {
            int present = 0;
            for (int d = 0; d < n; d++)
            {
                double v = scores[m, d];
                if (double.IsInfinity(v))
                {
                    StatisticsArguments.Throw(nameof(scores), CreateMethod, $"must hold finite scores or NaN for a missing one. Got {StatisticsArguments.Format(v)} at [{m}, {d}].");
                }
                if (double.IsNaN(v))
                {
                    missingPerDataset[d]++;
                }
                else
                {
                    present++;
                }
                values[(m * n) + d] = v;
            }
            if (present == 0)
            {
                StatisticsArguments.Throw(nameof(scores), CreateMethod, $"must hold at least one score per method. Got none for '{names[m]}'.");
            }
        }

        var complete = new List<int>(n);
        for (int d = 0; d < n; d++)
        {
            if (missingPerDataset[d] == 0)
            {
                complete.Add(d);
            }
        }
        if (complete.Count == 0)
        {
            StatisticsArguments.Throw(nameof(scores), CreateMethod, $"must have at least one dataset on which every method has a score. Got none of {n}.");
        }
        return new ScoreTable(names, values, n, complete.ToArray());
    }
}
