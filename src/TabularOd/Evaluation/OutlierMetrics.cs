namespace TabularOd.Evaluation;

/// <summary>
/// Binary-label outlier metrics: labels are 0 (inlier) or 1 (outlier), and a higher score means more
/// anomalous. Each metric equals its scikit-learn or PyOD counterpart (named per method) to within 1e-12.
/// </summary>
/// <remarks>
/// <para>
/// Every method checks its arguments up front and throws <see cref="ArgumentException"/> for empty input,
/// labels and scores of different lengths, a label other than 0 or 1, or a NaN score. Infinite scores are
/// allowed: the metrics depend only on the order of the scores.
/// </para>
/// <para>
/// Metrics that a label set cannot define return null rather than a conventional number: AUROC and AUPRC
/// need both classes, precision@n needs at least one outlier. Reporting 0.5 for a one-class test set
/// would silently pull averages across datasets toward chance.
/// </para>
/// <para>
/// The ranking metrics sort a pooled copy of the scores, O(n log n); to compute several of them, call
/// <see cref="Compute(ReadOnlySpan{int}, ReadOnlySpan{double}, double?, int?)"/>, which sorts once.
/// </para>
/// </remarks>
public static class OutlierMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random outlier scores above a random inlier, ties
    /// counting one half (Mann–Whitney U / (n₊·n₋)). Equals <c>sklearn.metrics.roc_auc_score</c>.
    /// </summary>
    /// <returns>The AUROC in [0, 1], or null when the labels hold only one class.</returns>
    public static double? Auroc(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricArguments.CheckLabelsAndScores(labels, scores, "OutlierMetrics.Auroc");
        using var ranking = ScoreRanking.Create(labels, scores);
        return ranking.Auroc();
    }

    /// <summary>
    /// Area under the precision–recall curve as average precision, Σ (R_k − R_{k−1})·P_k over distinct
    /// score thresholds in decreasing order, tied scores sharing one threshold. Equals
    /// <c>sklearn.metrics.average_precision_score</c>.
    /// </summary>
    /// <returns>The average precision in [0, 1], or null when the labels hold only one class.</returns>
    public static double? Auprc(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricArguments.CheckLabelsAndScores(labels, scores, "OutlierMetrics.Auprc");
        using var ranking = ScoreRanking.Create(labels, scores);
        return ranking.AveragePrecision();
    }

    /// <summary>
    /// Precision among the top-n scores, defined as PyOD's <c>precision_n_scores</c>: the threshold is
    /// <c>np.percentile(scores, 100·(1 − n/len))</c> (linear interpolation) and rows scoring strictly above
    /// it are predicted outliers. With ties at the cut this can predict fewer than n rows, or none (then 0).
    /// </summary>
    /// <param name="labels">0 = inlier, 1 = outlier.</param>
    /// <param name="scores">Outlier scores, higher = more anomalous.</param>
    /// <param name="n">How many top rows to take, in [1, length]; null (the default) takes the number of true outliers.</param>
    /// <returns>The precision in [0, 1], or null when the labels hold no outlier.</returns>
    public static double? PrecisionAtN(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int? n = null)
    {
        const string Method = "OutlierMetrics.PrecisionAtN";
        int outliers = MetricArguments.CheckLabelsAndScores(labels, scores, Method);
        if (n is int given)
        {
            MetricArguments.CheckTopCount(given, labels.Length, Method);
        }
        if (outliers == 0)
        {
            return null;
        }
        using var ranking = ScoreRanking.Create(labels, scores);
        return ranking.PrecisionAtN(n ?? outliers);
    }

    /// <summary>
    /// F1 of the prediction "outlier when score &gt; threshold" (strict, as PyOD's <c>labels_</c>). Equals
    /// <c>sklearn.metrics.f1_score(labels, scores &gt; threshold, zero_division=0)</c>; O(n), no sort.
    /// </summary>
    /// <param name="labels">0 = inlier, 1 = outlier.</param>
    /// <param name="scores">Outlier scores, higher = more anomalous.</param>
    /// <param name="threshold">The cut; any value but NaN.</param>
    /// <returns>The F1 in [0, 1]; 0 when nothing is both predicted and true.</returns>
    public static double F1AtThreshold(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, double threshold)
    {
        const string Method = "OutlierMetrics.F1AtThreshold";
        int outliers = MetricArguments.CheckLabelsAndScores(labels, scores, Method);
        MetricArguments.CheckThreshold(threshold, Method);
        int predicted = 0, truePositives = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > threshold)
            {
                predicted++;
                truePositives += labels[i];
            }
        }
        return F1Score.FromCounts(truePositives, predicted, outliers);
    }

    /// <summary>
    /// The largest F1 over all score thresholds: the maximum of 2PR/(P + R) over the points of
    /// <c>sklearn.metrics.precision_recall_curve</c>, a point with P + R = 0 counting 0.
    /// </summary>
    /// <returns>The best F1 in [0, 1]; 0 when the labels hold no outlier.</returns>
    public static double BestF1(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricArguments.CheckLabelsAndScores(labels, scores, "OutlierMetrics.BestF1");
        using var ranking = ScoreRanking.Create(labels, scores);
        return ranking.BestF1();
    }

    /// <summary>
    /// Computes AUROC, AUPRC, precision@n, best F1 and, when a threshold is given, F1 at that threshold,
    /// from one sort of the scores. Each value equals the one the single-metric method returns.
    /// </summary>
    /// <param name="labels">0 = inlier, 1 = outlier.</param>
    /// <param name="scores">Outlier scores, higher = more anomalous.</param>
    /// <param name="threshold">Cut for <see cref="OutlierMetricSet.F1AtThreshold"/>; null leaves that metric null.</param>
    /// <param name="n">Top count for precision@n; null takes the number of true outliers.</param>
    public static OutlierMetricSet Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, double? threshold = null, int? n = null)
    {
        const string Method = "OutlierMetrics.Compute";
        int outliers = MetricArguments.CheckLabelsAndScores(labels, scores, Method);
        if (threshold is double cut)
        {
            MetricArguments.CheckThreshold(cut, Method);
        }
        if (n is int given)
        {
            MetricArguments.CheckTopCount(given, labels.Length, Method);
        }

        using var ranking = ScoreRanking.Create(labels, scores);
        return new OutlierMetricSet(
            Count: labels.Length,
            OutlierCount: outliers,
            Auroc: ranking.Auroc(),
            Auprc: ranking.AveragePrecision(),
            PrecisionAtN: ranking.PrecisionAtN(n ?? outliers),
            BestF1: ranking.BestF1(),
            F1AtThreshold: threshold is double t ? ranking.F1Above(t) : null);
    }
}
