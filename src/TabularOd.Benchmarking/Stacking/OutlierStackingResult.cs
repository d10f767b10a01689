using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// The outcome of <see cref="OutlierStackingExperiment"/>: the split, every method's evaluation, and how the stack
/// was built (de-duplication, candidate meta-models, the chosen one).
/// </summary>
public sealed record OutlierStackingResult
{
    /// <summary>The datasets each side got.</summary>
    public required DatasetSplit Split { get; init; }

    /// <summary>Pooled test rows of the training datasets.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Pooled test rows of the evaluation datasets.</summary>
    public required int EvaluationRows { get; init; }

    /// <summary>The evaluation datasets' ids, in the order of every method's <see cref="OutlierMethodResult.EvaluationAuroc"/>.</summary>
    public required IReadOnlyList<string> EvaluationDatasets { get; init; }

    /// <summary>Best single configuration, mean of ranks, hill climbing and the stack, in that order.</summary>
    public required IReadOnlyList<OutlierMethodResult> Methods { get; init; }

    /// <summary>Every candidate meta-model, in the order asked for.</summary>
    public required IReadOnlyList<OutlierMetaModelResult> MetaModels { get; init; }

    /// <summary>The candidate that became the stack (best grouped-CV score).</summary>
    public required MetaModelKind Chosen { get; init; }

    /// <summary>The configurations the meta-models saw after de-duplication.</summary>
    public required IReadOnlyList<string> KeptColumns { get; init; }

    /// <summary>The de-duplication, when it ran.</summary>
    public DeduplicationResult? Deduplication { get; init; }

    /// <summary>The options used.</summary>
    public required OutlierStackingOptions Options { get; init; }

    /// <summary>The result of the method named <paramref name="name"/>.</summary>
    public OutlierMethodResult Method(string name) => Methods.Single(m => m.Name == name);
}
