namespace TabularOd.Detectors;

/// <summary>One hyperparameter as the catalog shows it: name, type, default, constraint and meaning.</summary>
public sealed record ParameterDescriptor(string Name, string Type, string Default, string Constraint, string Description);
