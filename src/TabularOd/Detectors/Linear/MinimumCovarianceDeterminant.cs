using MathNet.Numerics.Distributions;
using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Linear;

/// <summary>
/// The robust location and covariance of Rousseeuw and Van Driessen's FastMCD ("A fast algorithm for the minimum
/// covariance determinant estimator", Technometrics 41(3), 1999), with scikit-learn <c>MinCovDet</c>'s consistency
/// correction and reweighting.
/// </summary>
/// <remarks>
/// <para>
/// Raw estimate: among supports of h rows, the one whose covariance has the smallest determinant, searched by
/// C-steps (the h rows closest to the current estimate give the next one; the determinant never grows) from
/// random h-row starts: 30 starts × 2 C-steps, the 10 best iterated to convergence (at most 30 steps). With more
/// than 500 rows the paper's nested scheme: a random merged set of at most 1500 rows is split into up to five
/// disjoint subsets of about 300 rows, 500 random starts in all (at least 10 per subset) take 2 C-steps there, the
/// 10 best of each subset take 2 C-steps on the merged set, and its 10 best are iterated to convergence on the full
/// data (when the merged set is all the data, its single best is iterated there directly). One column uses
/// scikit-learn's exact univariate rule.
/// </para>
/// <para>
/// Then, as scikit-learn: the raw distances are divided by median/χ²_d(0.5), rows with a corrected distance below
/// χ²_d(0.975) form the reweighting set, whose mean and population covariance are the result.
/// </para>
/// <para>
/// Every covariance the search factorises carries the detector's per-column ridge, so supports on which a column
/// is constant (a discrete feature, duplicated rows) still have a finite determinant; seeded, so the same seed
/// gives the same estimate.
/// </para>
/// </remarks>
internal static class MinimumCovarianceDeterminant
{
    private const int Starts = 30;
    private const int StartSteps = 2;
    private const int Best = 10;
    private const int MaxSteps = 30;
    private const int SmallData = 500;
    private const int SubsetRows = 300;
    private const int MaxSubsets = 5;
    private const int MergedRows = 1500;
    private const int NestedStarts = 500;

    /// <summary>A candidate: the estimate on a support and the factorised distance it defines.</summary>
    private sealed record Candidate(double[] Location, double[] Covariance, WhitenedDistance Distance)
    {
        public double LogDeterminant => Distance.LogDeterminant;
    }

    /// <summary>The default support size, scikit-learn's ⌈(n + d + 1)/2⌉.</summary>
    public static int DefaultSupport(int n, int d) => (int)Math.Ceiling(0.5 * (n + d + 1));

    /// <summary>
    /// The reweighted MCD location and population covariance of the n×d rows <paramref name="x"/>; at least two rows.
    /// </summary>
    /// <param name="backend">Backend for the scatter and distance GEMMs and the factorisations.</param>
    /// <param name="x">Row-major data.</param>
    /// <param name="n">Rows.</param>
    /// <param name="d">Columns.</param>
    /// <param name="h">Support size (clamped to [1, n]).</param>
    /// <param name="ridge">Per-column ridge added to the diagonal of every covariance that is factorised.</param>
    /// <param name="random">The seeded source of the random starts.</param>
    public static (double[] Location, double[] Covariance) Fit(IComputeBackend backend, double[] x, int n, int d, int h,
        double[] ridge, SeededRandom random)
    {
        h = Math.Clamp(h, 1, n);
        var all = Enumerable.Range(0, n).ToArray();
        var raw = h >= n ? Estimate(backend, x, d, all, ridge)
            : d == 1 ? Univariate(backend, x, n, h, ridge)
            : n <= SmallData ? SearchSmall(backend, x, all, h, d, ridge, random)
            : SearchNested(backend, x, n, d, h, ridge, random);

        var distances = new double[n];
        raw.Distance.EvaluateMany(backend, x, n, distances);
        double correction = Median(distances) / ChiSquared.InvCDF(d, 0.5);
        if (correction > 0 && double.IsFinite(correction))
        {
            for (int i = 0; i < n; i++)
            {
                distances[i] /= correction;
            }
        }
        double cut = ChiSquared.InvCDF(d, 0.975);
        var kept = all.Where(i => distances[i] < cut).ToArray();
        if (kept.Length == 0)
        {
            return (raw.Location, raw.Covariance);
        }
        var reweighted = Estimate(backend, x, d, kept, ridge);
        return (reweighted.Location, reweighted.Covariance);
    }

    private static Candidate SearchSmall(IComputeBackend backend, double[] x, int[] rows, int h, int d, double[] ridge, SeededRandom random)
    {
        var starts = SelectFromRandomStarts(backend, x, rows, d, h, Starts, Best, ridge, random);
        return SelectFromEstimates(backend, x, rows, d, h, starts, 1, MaxSteps, ridge)[0];
    }

    private static Candidate SearchNested(IComputeBackend backend, double[] x, int n, int d, int h, double[] ridge, SeededRandom random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order.AsSpan());
        int mergedCount = Math.Min(n, MergedRows);
        var merged = order[..mergedCount];
        int subsets = Math.Clamp(mergedCount / SubsetRows, 1, MaxSubsets);
        int subsetCount = mergedCount / subsets;
        int subsetH = (int)Math.Ceiling(subsetCount * (double)h / n);
        int startsPerSubset = Math.Max(10, NestedStarts / subsets);

        var candidates = new List<Candidate>();
        for (int s = 0; s < subsets; s++)
        {
            var subset = merged[(s * subsetCount)..((s + 1) * subsetCount)];
            candidates.AddRange(SelectFromRandomStarts(backend, x, subset, d, subsetH, startsPerSubset, Best, ridge, random));
        }
        int mergedH = (int)Math.Ceiling(mergedCount * (double)h / n);
        if (mergedCount == n)
        {
            return SelectFromEstimates(backend, x, merged, d, mergedH, candidates, 1, MaxSteps, ridge)[0];
        }
        var refined = SelectFromEstimates(backend, x, merged, d, mergedH, candidates, Best, StartSteps, ridge);
        return SelectFromEstimates(backend, x, Enumerable.Range(0, n).ToArray(), d, h, refined, 1, MaxSteps, ridge)[0];
    }

    private static List<Candidate> SelectFromRandomStarts(IComputeBackend backend, double[] x, int[] rows, int d, int h,
        int starts, int keep, double[] ridge, SeededRandom random)
    {
        var set = new RowSet(x, rows, d);
        var results = new List<Candidate>(starts);
        var shuffled = new int[rows.Length];
        for (int t = 0; t < starts; t++)
        {
            rows.CopyTo(shuffled, 0);
            random.Shuffle(shuffled.AsSpan());
            var initial = Estimate(backend, x, d, shuffled[..h], ridge);
            results.Add(CSteps(backend, set, h, initial, StartSteps, ridge));
        }
        return Smallest(results, keep);
    }

    private static List<Candidate> SelectFromEstimates(IComputeBackend backend, double[] x, int[] rows, int d, int h,
        List<Candidate> starts, int keep, int steps, double[] ridge)
    {
        var set = new RowSet(x, rows, d);
        var results = new List<Candidate>(starts.Count);
        foreach (var start in starts)
        {
            // The start came from another row set: one step onto this set's h closest rows first.
            var initial = Estimate(backend, x, d, Closest(backend, set, h, start), ridge);
            results.Add(CSteps(backend, set, h, initial, steps, ridge));
        }
        return Smallest(results, keep);
    }

    // C-steps until the determinant stops falling or the step budget runs out (scikit-learn's _c_step).
    private static Candidate CSteps(IComputeBackend backend, RowSet set, int h, Candidate current, int steps, double[] ridge)
    {
        double previousDeterminant = double.PositiveInfinity;
        Candidate? previous = null;
        while (current.LogDeterminant < previousDeterminant && steps > 0)
        {
            previous = current;
            previousDeterminant = current.LogDeterminant;
            current = Estimate(backend, set.Data, set.Features, Closest(backend, set, h, current), ridge);
            steps--;
        }
        return previous is not null && current.LogDeterminant > previousDeterminant ? previous : current;
    }

    // The h rows of the set nearest to the candidate, ties to the earlier row of the set.
    private static int[] Closest(IComputeBackend backend, RowSet set, int h, Candidate candidate)
    {
        var rows = set.Rows;
        var distances = new double[rows.Length];
        candidate.Distance.EvaluateMany(backend, set.Gathered, rows.Length, distances);
        var order = Enumerable.Range(0, rows.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byDistance = distances[a].CompareTo(distances[b]);
            return byDistance != 0 ? byDistance : a.CompareTo(b);
        });
        var support = new int[h];
        for (int i = 0; i < h; i++)
        {
            support[i] = rows[order[i]];
        }
        return support;
    }

    /// <summary>The rows a search runs on (indices into the data) and their values, gathered once.</summary>
    private sealed class RowSet(double[] x, int[] rows, int d)
    {
        public double[] Data => x;

        public int[] Rows => rows;

        public int Features => d;

        public double[] Gathered { get; } = Gather(x, d, rows);
    }

    private static List<Candidate> Smallest(List<Candidate> candidates, int keep) =>
        candidates.Select((c, i) => (c, i)).OrderBy(p => p.c.LogDeterminant).ThenBy(p => p.i).Take(keep).Select(p => p.c).ToList();

    // Mean and population covariance of the support rows, factorised with the ridge for distances and determinant.
    private static Candidate Estimate(IComputeBackend backend, double[] x, int d, int[] support, double[] ridge)
    {
        var gathered = Gather(x, d, support);
        var location = CovarianceAlgebra.ColumnMeans(gathered, support.Length, d);
        var covariance = CovarianceAlgebra.Scatter(backend, gathered, support.Length, d, location);
        for (int k = 0; k < covariance.Length; k++)
        {
            covariance[k] /= support.Length;
        }
        var regularised = (double[])covariance.Clone();
        for (int j = 0; j < d; j++)
        {
            regularised[(j * d) + j] += ridge[j];
        }
        return new Candidate(location, covariance, WhitenedDistance.FromCovariance(backend, location, regularised));
    }

    // scikit-learn's one-column rule: the location is the midpoint of the shortest span x₍ᵢ₊ₕ₎ − x₍ᵢ₎ of the sorted
    // values (averaged over ties), the support the h values nearest to it, the covariance their population variance.
    private static Candidate Univariate(IComputeBackend backend, double[] x, int n, int h, double[] ridge)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        double shortest = double.PositiveInfinity;
        for (int i = 0; i < n - h; i++)
        {
            shortest = Math.Min(shortest, sorted[i + h] - sorted[i]);
        }
        double midpoints = 0;
        int ties = 0;
        for (int i = 0; i < n - h; i++)
        {
            if (sorted[i + h] - sorted[i] == shortest)
            {
                midpoints += sorted[i + h] + sorted[i];
                ties++;
            }
        }
        double location = 0.5 * (midpoints / ties);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byDistance = Math.Abs(x[a] - location).CompareTo(Math.Abs(x[b] - location));
            return byDistance != 0 ? byDistance : a.CompareTo(b);
        });
        var support = Estimate(backend, x, 1, order[..h], ridge);
        double[] centre = [location];
        return new Candidate(centre, support.Covariance, WhitenedDistance.FromVariances(centre, [support.Covariance[0] + ridge[0]]));
    }

    private static double[] Gather(double[] x, int d, int[] rows)
    {
        var gathered = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(x, rows[i] * d, gathered, i * d, d);
        }
        return gathered;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int m = sorted.Length;
        return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[(m / 2) - 1] + sorted[m / 2]);
    }
}
