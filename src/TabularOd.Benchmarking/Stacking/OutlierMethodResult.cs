namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// One method of <see cref="OutlierStackingExperiment"/>, fitted on the training datasets and evaluated on the others.
/// </summary>
public sealed record OutlierMethodResult
{
    /// <summary>The method's name in reports ("best single", "mean of ranks", "hill climbing", "stack", "lasso", …).</summary>
    public required string Name { get; init; }

    /// <summary>What it chose, in words ("knn(k=10)", "α = 0.001, 9 of 12 weights non-zero", …).</summary>
    public required string Detail { get; init; }

    /// <summary>The AUROC on each evaluation dataset, in the order of <see cref="DatasetSplit.Evaluation"/>.</summary>
    public required IReadOnlyList<double> EvaluationAuroc { get; init; }

    /// <summary>The mean per-dataset AUROC on the training datasets (in-sample: what the method was fitted to).</summary>
    public required double TrainMeanAuroc { get; init; }

    /// <summary>Configurations whose scores the method reads.</summary>
    public required int ColumnsUsed { get; init; }

    /// <summary>Seconds spent choosing on the training datasets.</summary>
    public required double FitSeconds { get; init; }

    /// <summary>Evaluation datasets where it beats the best single configuration.</summary>
    public int Wins { get; init; }

    /// <summary>Evaluation datasets where the best single configuration beats it.</summary>
    public int Losses { get; init; }

    /// <summary>The mean per-dataset AUROC on the evaluation datasets: the headline number.</summary>
    public double EvaluationMean => EvaluationAuroc.Average();

    /// <summary>The median per-dataset AUROC on the evaluation datasets.</summary>
    public double EvaluationMedian
    {
        get
        {
            double[] sorted = [.. EvaluationAuroc.Order()];
            int n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        }
    }
}
