using System.Diagnostics.CodeAnalysis;

namespace TabularOd.Evaluation;

/// <summary>
/// Argument checks shared by the metrics, run once up front so the metric loops themselves stay free of
/// branches that can only fail on bad input. Messages follow the project format:
/// "The 'scores' parameter of OutlierMetrics.Auroc must not contain NaN. Got NaN at index 3."
/// </summary>
internal static class MetricArguments
{
    /// <summary>Checks lengths, labels and scores; returns the number of outliers (labels equal to 1).</summary>
    /// <remarks>Infinite scores are accepted: every metric here depends only on the order of the scores.</remarks>
    public static int CheckLabelsAndScores(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, string method)
    {
        if (labels.IsEmpty)
        {
            ThrowEmpty(method);
        }
        if (scores.Length != labels.Length)
        {
            ThrowLengthMismatch(method, labels.Length, scores.Length);
        }

        int outliers = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            uint label = (uint)labels[i];
            if (label > 1u)
            {
                ThrowBadLabel(method, labels[i], i);
            }
            outliers += (int)label;
        }
        for (int i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                ThrowNaNScore(method, i);
            }
        }
        return outliers;
    }

    /// <summary>Checks a score threshold: any value but NaN.</summary>
    public static void CheckThreshold(double threshold, string method)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException($"The 'threshold' parameter of {method} must be a number. Got NaN.", nameof(threshold));
        }
    }

    /// <summary>Checks an explicit top-n count: 1 ≤ n ≤ number of rows.</summary>
    public static void CheckTopCount(int n, int rows, string method)
    {
        if (n < 1 || n > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"The 'n' parameter of {method} must be in [1, {rows}] (the number of rows). Got {n}.");
        }
    }

    [DoesNotReturn]
    private static void ThrowEmpty(string method) =>
        throw new ArgumentException($"The 'labels' parameter of {method} must not be empty. Got 0 rows.", "labels");

    [DoesNotReturn]
    private static void ThrowLengthMismatch(string method, int labels, int scores) =>
        throw new ArgumentException($"The 'scores' parameter of {method} must hold one score per label ({labels}). Got {scores}.", "scores");

    [DoesNotReturn]
    private static void ThrowBadLabel(string method, int label, int index) =>
        throw new ArgumentException($"The 'labels' parameter of {method} must contain only 0 (inlier) and 1 (outlier). Got {label} at index {index}.", "labels");

    [DoesNotReturn]
    private static void ThrowNaNScore(string method, int index) =>
        throw new ArgumentException($"The 'scores' parameter of {method} must not contain NaN. Got NaN at index {index}.", "scores");
}
