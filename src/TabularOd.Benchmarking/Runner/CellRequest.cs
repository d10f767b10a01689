namespace TabularOd.Benchmarking.Runner;

/// <summary>Everything a worker needs to run one cell; sent to worker processes as one JSON line.</summary>
public sealed record CellRequest
{
    /// <summary>The cell's key in the results store.</summary>
    public required string Key { get; init; }

    /// <summary>Absolute path of the data file.</summary>
    public required string DatasetPath { get; init; }

    /// <summary>Catalog name of the detector.</summary>
    public required string Detector { get; init; }

    /// <summary>Hyperparameters set explicitly (the seed is added by the worker).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Seed of a randomised detector.</summary>
    public int Seed { get; init; }

    /// <summary>Whether features are standardised with training statistics.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Seed of the MacrOData split for a file holding one labelled table.</summary>
    public int SplitSeed { get; init; }

    /// <summary>Whether the test scores are returned.</summary>
    public bool KeepScores { get; init; }

    /// <summary>The request for a planned cell.</summary>
    public static CellRequest For(BenchCell cell, DetectorSpec spec) => new()
    {
        Key = cell.Key,
        DatasetPath = cell.Dataset.Path,
        Detector = cell.Configuration.Detector,
        Parameters = cell.Configuration.Parameters,
        Seed = cell.Seed,
        Standardize = spec.Standardize,
        SplitSeed = spec.SplitSeed,
        KeepScores = spec.KeepScores,
    };
}
