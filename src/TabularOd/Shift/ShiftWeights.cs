namespace TabularOd.Shift;

/// <summary>
/// What a covariate-shift estimator returns: a weight per training row (β, for training downstream models as if
/// on the test distribution), a weight per test row (α; 1 unless the method down-weights test rows), and an
/// out-of-distribution score per test row (higher = less like the training rows).
/// </summary>
public sealed record ShiftWeights
{
    /// <summary>The estimator that produced the weights.</summary>
    public required ShiftMethod Method { get; init; }

    /// <summary>β, one per training row, ≥ 0.</summary>
    public required double[] TrainWeights { get; init; }

    /// <summary>α, one per test row, in [0, 1] (all 1 for KMM and the logistic ratio).</summary>
    public required double[] TestWeights { get; init; }

    /// <summary>
    /// The OOD score of each test row: 1 − α for DW-KMM, P(test | x) for the logistic ratio; null for KMM, which
    /// does not weigh test rows at all.
    /// </summary>
    public double[]? TestScores { get; init; }

    /// <summary>The Gaussian kernel width used (NaN for the logistic ratio, which uses no kernel).</summary>
    public double Sigma { get; init; } = double.NaN;

    /// <summary>Solver iterations (QP steps or Newton steps).</summary>
    public int Iterations { get; init; }

    /// <summary>Whether the solver met its stopping rule.</summary>
    public bool Converged { get; init; }

    /// <summary>The minimised objective (NaN for the logistic ratio).</summary>
    public double Objective { get; init; } = double.NaN;

    /// <summary>Kish's effective sample size of the training weights, (Σβ)²/Σβ².</summary>
    public double EffectiveSampleSize => EffectiveSampleSizeOf(TrainWeights);

    /// <summary>(Σw)²/Σw²: n for equal weights, 1 when one row carries all the weight, 0 when every weight is 0.</summary>
    public static double EffectiveSampleSizeOf(ReadOnlySpan<double> weights)
    {
        double sum = 0, squares = 0;
        foreach (double w in weights)
        {
            sum += w;
            squares += w * w;
        }
        return squares > 0 ? sum * sum / squares : 0;
    }
}
