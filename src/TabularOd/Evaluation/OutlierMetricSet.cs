namespace TabularOd.Evaluation;

/// <summary>
/// The binary-label outlier metrics of one score vector, computed together by
/// <see cref="OutlierMetrics.Compute(ReadOnlySpan{int}, ReadOnlySpan{double}, double?, int?)"/> from a single sort.
/// A null metric is undefined for these labels (for example AUROC of a one-class set), never a stand-in value.
/// </summary>
/// <param name="Count">Number of rows scored.</param>
/// <param name="OutlierCount">Number of rows labelled 1 (outlier).</param>
/// <param name="Auroc">Area under the ROC curve; null when the labels hold one class.</param>
/// <param name="Auprc">Average precision (area under the precision–recall curve); null when the labels hold one class.</param>
/// <param name="PrecisionAtN">PyOD's precision@n; null when there are no outliers.</param>
/// <param name="BestF1">Largest F1 over all score thresholds; 0 when there are no outliers.</param>
/// <param name="F1AtThreshold">F1 of "outlier when score &gt; threshold"; null when no threshold was given.</param>
public sealed record OutlierMetricSet(
    int Count,
    int OutlierCount,
    double? Auroc,
    double? Auprc,
    double? PrecisionAtN,
    double BestF1,
    double? F1AtThreshold);
