using TabularOd.Neural;

namespace TabularOd.Tests.Neural;

public class StepDecayScheduleTests
{
    [Theory]
    [InlineData(0, 1e-3)]
    [InlineData(999, 1e-3)]
    [InlineData(1000, 5e-4)]
    [InlineData(1999, 5e-4)]
    [InlineData(2500, 2.5e-4)]
    public void TheRateHalvesEveryThousandEpochs(int epoch, double rate) =>
        Assert.Equal(rate, new StepDecaySchedule(1e-3).RateAt(epoch));

    [Fact]
    public void AnInvalidScheduleIsRefusedWhenUsed() =>
        Assert.Throws<InvalidOperationException>(() => new StepDecaySchedule(0).RateAt(0));
}
