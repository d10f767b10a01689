namespace TabularOd.Stacking;

/// <summary>The meta-models of SPEC §8 step 3.</summary>
public enum MetaModelKind
{
    /// <summary>Ridge, α ∈ logspace(−3, 5, 50) chosen by efficient leave-one-out (<see cref="RidgeCvRegressor"/>).</summary>
    Ridge,

    /// <summary>Lasso, α ∈ logspace(−5, 1, 30) chosen by 3-fold CV (<see cref="ElasticNetCvRegressor"/>, ρ = 1).</summary>
    Lasso,

    /// <summary>ElasticNet, the Lasso grid × ρ ∈ {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}, chosen by 3-fold CV.</summary>
    ElasticNet,
}
