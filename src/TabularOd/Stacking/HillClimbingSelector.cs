using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Greedy ensemble selection (SPEC §9; Caruana, Niculescu-Mizil, Crew and Ksikes, "Ensemble selection from
/// libraries of models", ICML 2004): the ensemble is the unweighted mean of its members, repeats counted, grown one
/// model at a time on a hold-out set.
/// </summary>
/// <remarks>
/// <para>
/// (1) With sorted initialisation the ensemble starts as the N best single models, N ∈ [1, max] the one whose mean
/// has the lowest loss (ties: the smallest N); single models are ranked by loss, ties to the lower index.
/// (2) Each of T iterations adds the model, repeats allowed, whose addition gives the lowest loss; ties go to the
/// lowest index. Repeats are what turn selection into weighting: a model added twice weighs twice.
/// (3) The result is the best prefix of the member sequence (ties: the shortest), weights = counts / prefix size;
/// stopping at the best prefix rather than after T steps is what keeps late, hold-out-overfitting additions out.
/// </para>
/// <para>
/// The candidates of a step are scored in parallel, each into its own buffer, and compared in index order, so the
/// choice never depends on the thread count. Losses within <see cref="RelativeTieTolerance"/> of each other count as
/// tied.
/// </para>
/// </remarks>
public sealed class HillClimbingSelector(HillClimbingOptions options)
{
    /// <summary>A selector with the default options (sorted initialisation, 100 iterations, RMSE).</summary>
    public HillClimbingSelector()
        : this(new HillClimbingOptions())
    {
    }

    /// <summary>The options as given.</summary>
    public HillClimbingOptions Options => options;

    /// <summary>
    /// Selects from the library whose hold-out predictions are the columns of <paramref name="predictions"/>
    /// (rows = hold-out samples, columns = models) against <paramref name="target"/>.
    /// </summary>
    public HillClimbingResult Select(DataMatrix predictions, ReadOnlySpan<double> target)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check(nameof(HillClimbingSelector));
        var library = Library.Create(predictions, target, nameof(HillClimbingSelector));
        return Run(library, target, options);
    }

    internal static HillClimbingResult Run(Library library, ReadOnlySpan<double> target, HillClimbingOptions options)
    {
        int n = library.Rows, m = library.Models;
        var loss = options.Loss;
        var y = target.ToArray();
        var sum = new double[n];
        var members = new List<int>();
        var prefixLosses = new List<double>();
        var buffer = new double[n];

        int initial = 0;
        if (options.SortedInitialization)
        {
            var single = new double[m];
            for (int j = 0; j < m; j++)
            {
                single[j] = loss(y, library.Column(j));
            }
            int[] ranked = [.. Enumerable.Range(0, m).OrderBy(j => single[j], LossOrder.Instance).ThenBy(j => j)];
            int most = options.MaxInitialModels == 0 ? m : Math.Min(options.MaxInitialModels, m);
            var running = new double[n];
            var losses = new double[most];
            int bestN = 1;
            for (int k = 1; k <= most; k++)
            {
                Add(running, library.Column(ranked[k - 1]));
                Mean(running, k, buffer);
                losses[k - 1] = loss(y, buffer);
                if (IsBetter(losses[k - 1], losses[bestN - 1]))
                {
                    bestN = k;
                }
            }
            for (int k = 0; k < bestN; k++)
            {
                members.Add(ranked[k]);
                prefixLosses.Add(losses[k]);
                Add(sum, library.Column(ranked[k]));
            }
            initial = bestN;
        }

        // The built-in losses are evaluated without materialising the candidate ensemble: one pass over the data
        // instead of two, with exactly the operations (and so the bits) of the general path.
        bool rootMean = ReferenceEquals(loss, PredictionLosses.Rmse);
        bool squaredError = rootMean || ReferenceEquals(loss, PredictionLosses.Mse);
        int chunks = Math.Min(m, options.MaxDegreeOfParallelism == 0 ? ComputeParallelism.DefaultDegree : options.MaxDegreeOfParallelism);
        var candidateLoss = new double[m];
        for (int t = 0; t < options.Iterations; t++)
        {
            int size = members.Count + 1;
            ComputeParallelism.For(chunks, chunks, chunk =>
            {
                var candidate = squaredError ? [] : new double[n];
                for (int j = chunk; j < m; j += chunks)
                {
                    var column = library.Column(j);
                    if (squaredError)
                    {
                        candidateLoss[j] = FusedSquaredError(y, sum, column, size, rootMean);
                        continue;
                    }
                    for (int i = 0; i < n; i++)
                    {
                        candidate[i] = (sum[i] + column[i]) / size;
                    }
                    candidateLoss[j] = loss(y, candidate);
                }
            });
            int best = 0;
            for (int j = 1; j < m; j++)
            {
                if (IsBetter(candidateLoss[j], candidateLoss[best]))
                {
                    best = j;
                }
            }
            members.Add(best);
            prefixLosses.Add(candidateLoss[best]);
            Add(sum, library.Column(best));
        }

        int bestPrefix = 1;
        for (int k = 2; k <= prefixLosses.Count; k++)
        {
            if (IsBetter(prefixLosses[k - 1], prefixLosses[bestPrefix - 1]))
            {
                bestPrefix = k;
            }
        }
        var counts = new int[m];
        for (int k = 0; k < bestPrefix; k++)
        {
            counts[members[k]]++;
        }
        var weights = new double[m];
        for (int j = 0; j < m; j++)
        {
            weights[j] = (double)counts[j] / bestPrefix;
        }
        return new HillClimbingResult(weights, counts, [.. members], [.. prefixLosses], initial, bestPrefix);
    }

    /// <summary>
    /// Losses closer than this, relative to the incumbent, are a tie: ensembles that are equally good in exact
    /// arithmetic (SPEC §9's y ± 1/6) differ in the last bits after summation, and the rule "ties go to the lowest
    /// index" must not be decided by rounding.
    /// </summary>
    public const double RelativeTieTolerance = 1e-12;

    // NaN never wins; an incumbent NaN loses to any number.
    private static bool IsBetter(double candidate, double incumbent) =>
        double.IsNaN(incumbent) ? !double.IsNaN(candidate) : candidate < incumbent - (RelativeTieTolerance * Math.Abs(incumbent));

    private static double FusedSquaredError(double[] y, double[] sum, ReadOnlySpan<double> column, int size, bool rootMean)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = y[i] - ((sum[i] + column[i]) / size);
            total += e * e;
        }
        double mean = total / y.Length;
        return rootMean ? Math.Sqrt(mean) : mean;
    }

    private static void Add(double[] sum, ReadOnlySpan<double> column)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += column[i];
        }
    }

    private static void Mean(double[] sum, int count, double[] result)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            result[i] = sum[i] / count;
        }
    }

    // NaN losses rank last, so a model whose predictions break the loss is never preferred.
    private sealed class LossOrder : IComparer<double>
    {
        public static readonly LossOrder Instance = new();

        public int Compare(double a, double b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);
    }
}
