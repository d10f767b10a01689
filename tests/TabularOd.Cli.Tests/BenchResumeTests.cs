using System.Diagnostics;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Cli.Tests.Support;
using TabularOd.Sampling;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

/// <summary>
/// The resume guarantee end to end: a benchmark killed with SIGKILL at random moments, several times, and then
/// rerun, ends with exactly the results of an uninterrupted run — no cell lost, none twice, same numbers and scores.
/// </summary>
public class BenchResumeTests
{
    [Fact]
    public void Killed_at_random_moments_and_resumed_equals_an_uninterrupted_run()
    {
        string suite = TinySuite.Create(16, seed: 5);
        string folder = TestPaths.NewTempFolder();
        string spec = Path.Combine(folder, "spec.json");
        File.WriteAllText(spec, """{ "seeds": [0, 1, 2], "keep_scores": true, "detectors": ["knn", "lof", "iforest", "hbos", { "detector": "knn", "grid": { "k": [2, 20] } }] }""");
        string[] Args(string db) => ["bench", "run", "--suite", suite, "--detectors", spec, "--out", db, "--jobs", "2", "--top", "0"];

        string reference = Path.Combine(folder, "reference.db");
        var full = TabodProcess.Run(Args(reference));
        Assert.True(full.ExitCode == 0, full.Error);

        string resumed = Path.Combine(folder, "resumed.db");
        var random = new SeededRandom(11);
        int kills = 0;
        for (int attempt = 0; attempt < 6 && kills < 4; attempt++)
        {
            using var process = TabodProcess.Start(Args(resumed));
            Thread.Sleep(400 + random.NextInt(2200));
            if (!process.HasExited)
            {
                Process.Start("kill", ["-9", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                kills++;
            }
            process.WaitForExit();
        }
        Assert.True(kills >= 2, $"the run finished before it could be killed more than {kills} times; make the suite larger.");
        var finish = TabodProcess.Run(Args(resumed));
        Assert.True(finish.ExitCode == 0, finish.Error);

        using var expected = ResultsStore.Open(reference, create: false);
        using var actual = ResultsStore.Open(resumed, create: false);
        var want = expected.ReadCells();
        var got = actual.ReadCells();
        Assert.Equal(16 * (1 + 1 + 3 + 1 + 2), want.Count);
        Assert.Equal(want.Select(c => c.Key), got.Select(c => c.Key));
        Assert.Equal(want.Select(c => (c.Status, c.Auroc, c.Auprc, c.PrecisionAtN)), got.Select(c => (c.Status, c.Auroc, c.Auprc, c.PrecisionAtN)));
        foreach (var cell in want)
        {
            Assert.Equal(expected.ReadScores(cell.Key), actual.ReadScores(cell.Key));
        }
    }
}
