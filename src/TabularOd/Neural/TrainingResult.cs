namespace TabularOd.Neural;

/// <summary>What a <see cref="Trainer"/> run did.</summary>
/// <param name="EpochsRun">Epochs completed (fewer than asked when early stopping ended the run).</param>
/// <param name="FinalLoss">Training loss of the last epoch.</param>
/// <param name="BestLoss">Lowest epoch training loss seen.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
/// <param name="Losses">The training loss of every epoch run, in order.</param>
public sealed record TrainingResult(int EpochsRun, double FinalLoss, double BestLoss, bool StoppedEarly, IReadOnlyList<double> Losses);
