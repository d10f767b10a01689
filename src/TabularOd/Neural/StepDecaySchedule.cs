namespace TabularOd.Neural;

/// <summary>
/// A learning rate that is multiplied by <see cref="Factor"/> every <see cref="StepEpochs"/> epochs (PyTorch's
/// <c>StepLR</c>): rate(e) = initial · factor^⌊e / step⌋ for the 0-based epoch e. SPEC §4: ×0.5 every 1000 epochs.
/// </summary>
/// <param name="InitialRate">The rate of the first <see cref="StepEpochs"/> epochs, &gt; 0.</param>
/// <param name="Factor">The multiplier at each step, in (0, 1].</param>
/// <param name="StepEpochs">Epochs between steps, ≥ 1.</param>
public sealed record StepDecaySchedule(double InitialRate, double Factor = StepDecaySchedule.DefaultFactor, int StepEpochs = StepDecaySchedule.DefaultStepEpochs)
{
    /// <summary>SPEC §4's decay factor.</summary>
    public const double DefaultFactor = 0.5;

    /// <summary>SPEC §4's decay period.</summary>
    public const int DefaultStepEpochs = 1000;

    /// <summary>The rate for 0-based <paramref name="epoch"/>.</summary>
    public double RateAt(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!(InitialRate > 0) || double.IsInfinity(InitialRate) || !(Factor > 0 && Factor <= 1) || StepEpochs < 1)
        {
            throw new InvalidOperationException(
                $"A step-decay schedule needs a finite initial rate > 0, a factor in (0, 1] and a step ≥ 1 epoch. Got {InitialRate}, {Factor}, {StepEpochs}.");
        }
        return InitialRate * Math.Pow(Factor, epoch / StepEpochs);
    }
}
