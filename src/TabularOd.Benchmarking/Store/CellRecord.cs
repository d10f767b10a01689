using TabularOd.Benchmarking.Runner;

namespace TabularOd.Benchmarking.Store;

/// <summary>One finished cell as the results store holds it: its identity beside the <see cref="CellResult"/>.</summary>
public sealed record CellRecord : CellResult
{
    /// <summary>Dataset id, "suite/name".</summary>
    public required string Dataset { get; init; }

    /// <summary>Suite of the dataset.</summary>
    public required string Suite { get; init; }

    /// <summary>Tags of the dataset.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Catalog name of the detector.</summary>
    public required string Detector { get; init; }

    /// <summary>Configuration id, e.g. "knn(k=5)".</summary>
    public required string Configuration { get; init; }

    /// <summary>Explicit hyperparameters as JSON.</summary>
    public required string Parameters { get; init; }

    /// <summary>Seed.</summary>
    public int Seed { get; init; }

    /// <summary>Machine that ran the cell.</summary>
    public string Host { get; init; } = "";

    /// <summary>When it finished, UTC ISO 8601.</summary>
    public string FinishedUtc { get; init; } = "";

    /// <summary>Whether test scores are stored for the cell.</summary>
    public bool HasScores { get; init; }
}
