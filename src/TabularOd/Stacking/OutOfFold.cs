using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Out-of-fold predictions: each row predicted by a model fitted without it. They are the honest inputs of a
/// meta-learner (SPEC §8): predictions on the training rows themselves would reward the base models that overfit.
/// </summary>
public static class OutOfFold
{
    /// <summary>
    /// Fits <paramref name="regressor"/> once per fold on the training rows (with their sample weights, if any) and
    /// predicts the held-out rows. Folds run one after another, so the result is the same whatever the thread
    /// count; a regressor may parallelise inside its own fit.
    /// </summary>
    public static double[] Predict(IRegressor regressor, DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, FoldAssignment folds)
    {
        ArgumentNullException.ThrowIfNull(regressor);
        ArgumentNullException.ThrowIfNull(folds);
        StackingArguments.Regression(x, y, sampleWeight, nameof(OutOfFold));
        if (folds.Rows != x.Rows || folds.Count < 2)
        {
            throw new ArgumentException(
                $"Out-of-fold prediction needs at least 2 folds over the {x.Rows} rows. Got {folds.Count} folds over {folds.Rows} rows.", nameof(folds));
        }
        var predictions = new double[x.Rows];
        for (int f = 0; f < folds.Count; f++)
        {
            var train = folds.Train(f);
            var test = folds.Test(f);
            var trainY = new double[train.Length];
            var trainW = sampleWeight.IsEmpty ? [] : new double[train.Length];
            for (int i = 0; i < train.Length; i++)
            {
                trainY[i] = y[train[i]];
                if (!sampleWeight.IsEmpty)
                {
                    trainW[i] = sampleWeight[train[i]];
                }
            }
            var model = regressor.Fit(x.SelectRows(train), trainY, trainW);
            var held = model.Predict(x.SelectRows(test));
            for (int i = 0; i < test.Length; i++)
            {
                predictions[test[i]] = held[i];
            }
        }
        return predictions;
    }

    /// <summary>Out-of-fold predictions with equal sample weights.</summary>
    public static double[] Predict(IRegressor regressor, DataMatrix x, ReadOnlySpan<double> y, FoldAssignment folds) =>
        Predict(regressor, x, y, default, folds);
}
