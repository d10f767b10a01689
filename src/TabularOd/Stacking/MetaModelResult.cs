namespace TabularOd.Stacking;

/// <summary>One meta-model of a <see cref="StackingResult"/>: its honest (outer-CV) error and what the refit chose.</summary>
public sealed class MetaModelResult(
    MetaModelKind kind, string name, double[] oofPredictions, double oofRmse, double blendWeight, double alpha, double l1Ratio, StandardizedModel model)
{
    /// <summary>Which meta-model.</summary>
    public MetaModelKind Kind => kind;

    /// <summary>The regressor's report name ("ridge_cv", "lasso_cv", "elastic_net_cv").</summary>
    public string Name => name;

    /// <summary>Meta-level out-of-fold predictions from the outer CV.</summary>
    public IReadOnlyList<double> OofPredictions => oofPredictions;

    /// <summary>RMSE of <see cref="OofPredictions"/> (weighted when sample weights were given).</summary>
    public double OofRmse => oofRmse;

    /// <summary>The meta-model's weight in the blend (1 or 0 when blending is off).</summary>
    public double BlendWeight => blendWeight;

    /// <summary>The α the refit on all rows chose.</summary>
    public double Alpha => alpha;

    /// <summary>The ρ the refit chose: 0 for Ridge (an L2 penalty only), 1 for Lasso.</summary>
    public double L1Ratio => l1Ratio;

    /// <summary>
    /// The refitted model: standardisation on all rows, then the linear model. When the pipeline clips
    /// (<see cref="StackingPipelineOptions.ClipQuantile"/> &gt; 0), it reads the design after clipping to the bounds in
    /// <see cref="FittedStack.ClipLower"/> / <see cref="FittedStack.ClipUpper"/>.
    /// </summary>
    public StandardizedModel Model => model;

    /// <summary>The share of the refitted model's coefficients that are exactly 0 (SPEC §8: Lasso zeroed 68%).</summary>
    public double ZeroCoefficientShare
    {
        get
        {
            var coefficients = ((LinearModel)model.Model).Coefficients;
            return (double)coefficients.Count(c => c == 0) / coefficients.Count;
        }
    }
}
