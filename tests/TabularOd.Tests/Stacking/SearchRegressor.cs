using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// One of the pipeline's meta-models (<see cref="LinearMetaModelSearch"/>) as an <see cref="IRegressor"/>, so that
/// tests can rebuild the pipeline's predictions from the public wrappers (OutOfFold, ClippedRegressor, StandardizedRegressor).
/// </summary>
internal sealed class SearchRegressor(MetaModelKind kind) : IRegressor
{
    public string Name => LinearMetaModelSearch.Name(kind);

    public IRegressionModel Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) =>
        new LinearMetaModelSearch([kind], ElasticNetCvOptions.DefaultFolds, activeSet: true, ComputeBackends.Default)
            .Fit(x, y.ToArray(), sampleWeight.ToArray())[0].Model;
}
