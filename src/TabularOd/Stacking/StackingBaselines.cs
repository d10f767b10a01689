using System.Diagnostics;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// The baselines SPEC §8 compares the stack with, all evaluated on the same outer folds as the pipeline
/// (<see cref="StackingPipeline.OuterFolds"/>): whatever a baseline chooses — a model, weights, coefficients — it
/// chooses on the training folds and is scored on the held-out fold, then it is refitted on all rows.
/// </summary>
/// <remarks>
/// Sample weights weight every choice and RMSE, except hill climbing's: <see cref="HillClimbingSelector"/> minimises
/// an unweighted loss, so its choice ignores them (its reported RMSE is still weighted).
/// </remarks>
public static class StackingBaselines
{
    /// <summary>A fitted blend: weights per base model and an intercept.</summary>
    private delegate (double[] Weights, double Intercept) BlendFitter(DataMatrix predictions, double[] target, double[] sampleWeight);

    /// <summary>
    /// The single base model with the lowest RMSE on the training rows (ties: the lower index), or the lowest
    /// <paramref name="loss"/> when one is given (unweighted, as hill climbing's): for probabilities the model with the
    /// best RMSE may be the one with the worst log-loss.
    /// </summary>
    public static BaselineResult BestSingle(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds,
        PredictionLoss? loss = null) =>
        Evaluate("best_single", predictions, target, sampleWeight, folds, (p, y, s) =>
        {
            var losses = loss is null ? ColumnRmse(p, y, s) : ColumnLoss(p, y, loss);
            int best = 0;
            for (int j = 1; j < losses.Length; j++)
            {
                if (losses[j] < losses[best])
                {
                    best = j;
                }
            }
            var weights = new double[p.Columns];
            weights[best] = 1.0;
            return (weights, 0.0);
        });

    /// <summary>The unweighted mean of all base models (nothing to fit).</summary>
    public static BaselineResult SimpleMean(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds) =>
        Evaluate("simple_mean", predictions, target, sampleWeight, folds, (p, _, _) =>
        {
            var weights = new double[p.Columns];
            weights.AsSpan().Fill(1.0 / p.Columns);
            return (weights, 0.0);
        });

    /// <summary>The mean weighted by (1/RMSEⱼ)/Σ(1/RMSE), the RMSEs on the training rows.</summary>
    public static BaselineResult InverseRmseMean(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds) =>
        Evaluate("inverse_rmse_mean", predictions, target, sampleWeight, folds,
            (p, y, s) => (StackingMetrics.InverseRmseWeights(ColumnRmse(p, y, s)), 0.0));

    /// <summary>
    /// Ridge stacking on the raw columns: <see cref="RidgeCvRegressor"/> (leave-one-out α over logspace(−3, 5, 50)
    /// unless <paramref name="options"/> says otherwise) on all base models, without de-duplication, meta-features
    /// or standardisation.
    /// </summary>
    public static BaselineResult RidgeStack(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds,
        RidgeCvOptions? options = null)
    {
        var regressor = new RidgeCvRegressor(options ?? new RidgeCvOptions());
        return Evaluate("ridge_stack", predictions, target, sampleWeight, folds, (p, y, s) =>
        {
            var model = regressor.Fit(p, y, s).Model;
            return ([.. model.Coefficients], model.Intercept);
        });
    }

    /// <summary>
    /// Greedy ensemble selection (<see cref="HillClimbingSelector"/>, default options unless given): the weights are
    /// chosen on the training folds, which are its hold-out set, and the held-out fold is predicted with them.
    /// </summary>
    public static BaselineResult HillClimbing(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds,
        HillClimbingOptions? options = null)
    {
        var selector = new HillClimbingSelector(options ?? new HillClimbingOptions());
        return Evaluate("hill_climbing", predictions, target, sampleWeight, folds, (p, y, _) => ([.. selector.Select(p, y).Weights], 0.0));
    }

    /// <summary>Optimal convex weights (<see cref="ConvexWeightSolver"/>) fitted on the training rows.</summary>
    public static BaselineResult ConvexWeights(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds) =>
        Evaluate("convex_weights", predictions, target, sampleWeight, folds, (p, y, s) => (ConvexWeightSolver.Solve(p, y, s), 0.0));

    /// <summary>Every baseline, in the order of SPEC §8's list.</summary>
    public static IReadOnlyList<BaselineResult> All(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, FoldAssignment folds,
        HillClimbingOptions? hillClimbing = null) =>
    [
        BestSingle(predictions, target, sampleWeight, folds),
        SimpleMean(predictions, target, sampleWeight, folds),
        InverseRmseMean(predictions, target, sampleWeight, folds),
        RidgeStack(predictions, target, sampleWeight, folds),
        HillClimbing(predictions, target, sampleWeight, folds, hillClimbing),
        ConvexWeights(predictions, target, sampleWeight, folds),
    ];

    private static BaselineResult Evaluate(string name, DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight,
        FoldAssignment folds, BlendFitter fit)
    {
        ArgumentNullException.ThrowIfNull(folds);
        StackArguments.Problem(predictions, target, sampleWeight, nameof(StackingBaselines));
        if (folds.Rows != predictions.Rows || folds.Count < 2)
        {
            throw new ArgumentException(
                $"{nameof(StackingBaselines)} needs at least 2 folds over the {predictions.Rows} rows. Got {folds.Count} folds over {folds.Rows} rows.", nameof(folds));
        }
        var clock = Stopwatch.StartNew();
        var y = target.ToArray();
        var s = sampleWeight.ToArray();
        var oof = new double[predictions.Rows];
        for (int f = 0; f < folds.Count; f++)
        {
            var train = folds.Train(f);
            var test = folds.Test(f);
            var (weights, intercept) = fit(predictions.SelectRows(train), Pick(y, train), s.Length == 0 ? [] : Pick(s, train));
            var held = new LinearModel(weights, intercept).Predict(predictions.SelectRows(test));
            for (int i = 0; i < test.Length; i++)
            {
                oof[test[i]] = held[i];
            }
        }
        var (final, finalIntercept) = fit(predictions, y, s);
        double rmse = StackingMetrics.Rmse(y, oof, s);
        return new BaselineResult(name, oof, rmse, final, finalIntercept, clock.Elapsed.TotalSeconds);
    }

    // Each column's RMSE on the rows, weighted by the sample weights when there are any.
    private static double[] ColumnRmse(DataMatrix predictions, double[] target, double[] sampleWeight) =>
        ColumnLoss(predictions, target, (y, column) => StackingMetrics.Rmse(y, column, sampleWeight));

    private static double[] ColumnLoss(DataMatrix predictions, double[] target, PredictionLoss loss)
    {
        var losses = new double[predictions.Columns];
        var column = new double[predictions.Rows];
        for (int j = 0; j < losses.Length; j++)
        {
            predictions.Column(j).CopyTo(column);
            losses[j] = loss(target, column);
        }
        return losses;
    }

    private static double[] Pick(double[] values, ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }
        return result;
    }
}
