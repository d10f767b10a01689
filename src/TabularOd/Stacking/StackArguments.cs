using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// The checks of a stacking problem worded with the stacking API's own parameter names (predictions, target,
/// sampleWeight) rather than the meta-models' (x, y).
/// </summary>
internal static class StackArguments
{
    public static void Problem(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight, string owner)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Rows < 1 || predictions.Columns < 1)
        {
            throw new ArgumentException($"{owner} needs at least one row and one base model. Got {predictions.Rows}×{predictions.Columns}.", nameof(predictions));
        }
        if (predictions.TryFindNonFinite(out int row, out int column))
        {
            throw new ArgumentException(
                $"{owner} needs finite predictions; row {row}, column {column} holds {StackingArguments.Format(predictions[row, column])}.", nameof(predictions));
        }
        if (target.Length != predictions.Rows)
        {
            throw new ArgumentException($"{owner} needs one target value per prediction row: {predictions.Rows}. Got {target.Length}.", nameof(target));
        }
        foreach (double v in target)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{owner} needs a finite target; it holds {StackingArguments.Format(v)}.", nameof(target));
            }
        }
        StackingArguments.Weights(sampleWeight, predictions.Rows, owner);
    }
}
