namespace TabularOd.Detectors;

/// <summary>
/// Every detector this build offers, by name: the discoverable entry point for the command line, spec files
/// and model loading.
/// </summary>
public static class DetectorCatalog
{
    private static readonly DetectorDescriptor[] Descriptors =
    [
        Proximity.KNearestDetector.Descriptor,
        Proximity.LocalOutlierFactorDetector.Descriptor,
        Ensembles.IsolationForestDetector.Descriptor,
        Probabilistic.EcodDetector.Descriptor,
        Probabilistic.CopodDetector.Descriptor,
        Probabilistic.HbosDetector.Descriptor,
        Linear.PcaDetector.Descriptor,
        Linear.MahalanobisDetector.Descriptor,
        Probabilistic.GmmDetector.Descriptor,
        Probabilistic.EgmmDetector.Descriptor,
        Kernel.OneClassSvmDetector.Descriptor,
        Magnitude.WeightingVectorDetector.Descriptor,
        Neural.AutoencoderDetector.Descriptor,
        Neural.ProbabilisticAutoencoderDetector.Descriptor,
        Shift.DwKmmDetector.Descriptor,
        Shift.ShiftLogisticDetector.Descriptor,
    ];

    /// <summary>All detectors, in catalog order.</summary>
    public static IReadOnlyList<DetectorDescriptor> All => Descriptors;

    /// <summary>The detector with this name (case-insensitive), or null.</summary>
    public static DetectorDescriptor? Find(string name) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The detector with this name, or an <see cref="ArgumentException"/> listing the known names.</summary>
    public static DetectorDescriptor Get(string name) => Find(name)
        ?? throw new ArgumentException($"Unknown detector '{name}'; known detectors are: {string.Join(", ", Descriptors.Select(d => d.Name))}.");
}
