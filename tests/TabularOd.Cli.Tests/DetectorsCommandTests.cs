using TabularOd.Cli.Tests.Support;
using TabularOd.Detectors;

namespace TabularOd.Cli.Tests;

public class DetectorsCommandTests
{
    [Fact]
    public void ListsEveryDetectorWithItsParametersAndDefaults()
    {
        var run = CliRun.Of("detectors");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var detector in DetectorCatalog.All)
        {
            Assert.Contains(detector.Name, run.Output);
            foreach (var parameter in detector.Parameters)
            {
                Assert.Contains(parameter.Name, run.Output);
            }
        }
        Assert.Contains("contamination", run.Output);
    }

    [Fact]
    public void OneDetectorCanBeShownAndAnUnknownOneIsAUsageError()
    {
        var knn = CliRun.Of("detectors", "knn");
        Assert.Equal(ExitCodes.Ok, knn.ExitCode);
        Assert.Contains("k-th nearest", knn.Output);

        var unknown = CliRun.Of("detectors", "nope");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("unknown detector 'nope'", unknown.Error);
    }
}
