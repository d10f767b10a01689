using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>One candidate meta-model of the stack: its grouped-CV fit and how it did on the evaluation datasets.</summary>
public sealed record OutlierMetaModelResult(MetaModelKind Kind, GroupedMetaModelCvFit Fit, OutlierMethodResult Method)
{
    /// <summary>Its name in reports: ridge, lasso or elasticnet.</summary>
    public string Name => OutlierStackingExperiment.ModelName(Kind);

    /// <summary>Design weights that are not exactly zero.</summary>
    public int NonZeroWeights => Fit.Columns - Fit.ZeroCoefficients;
}
