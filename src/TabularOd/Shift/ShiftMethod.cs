namespace TabularOd.Shift;

/// <summary>The covariate-shift estimators of SPEC §6.</summary>
public enum ShiftMethod
{
    /// <summary>Double-weighting kernel mean matching: train weights β and test weights α (<see cref="DoubleWeighting"/>).</summary>
    DwKmm,

    /// <summary>Kernel mean matching: train weights β only (<see cref="KernelMeanMatching"/>).</summary>
    Kmm,

    /// <summary>Discriminative density ratio from an L2 logistic train-vs-test classifier (<see cref="LogisticDensityRatio"/>).</summary>
    Logistic,
}
