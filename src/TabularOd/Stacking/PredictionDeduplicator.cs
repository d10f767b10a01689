using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Removes near-duplicate and near-constant base models from an out-of-fold prediction matrix before the
/// meta-learner sees it (SPEC §8 step 1): dozens of almost identical columns make the meta-model's design
/// ill-conditioned, its weights unstable, and add nothing a kept copy does not already carry.
/// </summary>
/// <remarks>
/// <para>
/// Models are visited by ascending out-of-fold RMSE (ties: lower index), so of two duplicates the better one
/// survives. A model is dropped when, for any model kept so far, Pearson ρ ≥ τ_corr and the mean squared difference
/// of their predictions ≤ τ_mse; both conditions are needed, since a shifted or rescaled copy is perfectly correlated
/// but a linear meta-model can still use it. Afterwards, kept models whose prediction variance (ddof 0) is below
/// τ_var are dropped. A constant model has no correlation with anything, so it is never a duplicate; the variance
/// test removes it.
/// </para>
/// <para>
/// The 2-norm condition number of the correlation matrix of all models and of the kept ones is reported as the
/// measure of what the stage achieved. Correlations and eigenvalues are computed on <paramref name="backend"/>
/// (<see cref="ComputeBackends.Default"/> when null).
/// </para>
/// </remarks>
public sealed class PredictionDeduplicator(DeduplicationOptions options, IComputeBackend? backend = null)
{
    /// <summary>A de-duplicator with SPEC §8's thresholds.</summary>
    public PredictionDeduplicator()
        : this(new DeduplicationOptions())
    {
    }

    /// <summary>The options as given.</summary>
    public DeduplicationOptions Options => options;

    /// <summary>
    /// De-duplicates the columns of <paramref name="predictions"/> (rows = samples, columns = base models) given
    /// the target <paramref name="target"/>.
    /// </summary>
    public DeduplicationResult Apply(DataMatrix predictions, ReadOnlySpan<double> target) => Apply(predictions, target, default);

    /// <summary>
    /// De-duplicates as <see cref="Apply(DataMatrix, ReadOnlySpan{double})"/>, but visits the models by ascending
    /// <paramref name="losses"/> (one per model; ties: lower index) instead of by RMSE, so that the caller's loss decides
    /// which of two duplicates survives. RMSE against a 0/1 label says little about rank-normalised outlier scores,
    /// whose quality is their AUROC; empty <paramref name="losses"/> means RMSE.
    /// </summary>
    public DeduplicationResult Apply(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> losses)
    {
        const string owner = nameof(PredictionDeduplicator);
        ArgumentNullException.ThrowIfNull(options);
        options.Check(owner);
        StackingArguments.Regression(predictions, target, default, owner);
        int n = predictions.Rows, m = predictions.Columns;
        var library = Library.Create(predictions, target, owner);
        var correlations = ColumnCorrelations.Create(backend ?? ComputeBackends.Default, predictions);

        var rmse = new double[m];
        for (int j = 0; j < m; j++)
        {
            rmse[j] = PredictionLosses.RootMeanSquaredError(target, library.Column(j));
        }
        if (!losses.IsEmpty && losses.Length != m)
        {
            throw new ArgumentException($"{owner} needs one loss per model: {m} models. Got {losses.Length} losses.", nameof(losses));
        }
        foreach (double loss in losses)
        {
            if (!double.IsFinite(loss))
            {
                throw new ArgumentException($"{owner} needs finite losses to order the models by. Got {StackingArguments.Format(loss)}.", nameof(losses));
            }
        }
        double[] order = losses.IsEmpty ? rmse : losses.ToArray();
        int[] ranking = [.. Enumerable.Range(0, m).OrderBy(j => order[j]).ThenBy(j => j)];

        var verdicts = new DeduplicationVerdict[m];
        var duplicateOf = new int[m];
        duplicateOf.AsSpan().Fill(-1);
        var kept = new List<int>();
        foreach (int candidate in ranking)
        {
            foreach (int model in kept)
            {
                // NaN (a constant column) fails the ≥ test: no correlation, no duplicate.
                if (correlations.Correlation(candidate, model) >= options.CorrelationThreshold
                    && PredictionLosses.MeanSquaredError(library.Column(model), library.Column(candidate)) <= options.MseThreshold)
                {
                    verdicts[candidate] = DeduplicationVerdict.Duplicate;
                    duplicateOf[candidate] = model;
                    break;
                }
            }
            if (verdicts[candidate] == DeduplicationVerdict.Kept)
            {
                kept.Add(candidate);
            }
        }
        foreach (int model in kept)
        {
            if (correlations.Variance[model] < options.VarianceThreshold)
            {
                verdicts[model] = DeduplicationVerdict.LowVariance;
            }
        }

        int[] survivors = [.. Enumerable.Range(0, m).Where(j => verdicts[j] == DeduplicationVerdict.Kept)];
        int[] all = [.. Enumerable.Range(0, m)];
        return new DeduplicationResult(survivors, ranking, rmse, correlations.Variance, verdicts, duplicateOf,
            correlations.ConditionNumber(all), correlations.ConditionNumber(survivors));
    }
}
