namespace TabularOd.Detectors.Persistence;

/// <summary>What the model container stores for every detector, handed to the detector's loader.</summary>
public sealed record ModelHeader(string DetectorName, int StateVersion, int Features, double Contamination, int Seed, double[] TrainingScores);
