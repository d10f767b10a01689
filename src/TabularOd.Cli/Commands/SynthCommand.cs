using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Synthetic;
using TabularOd.Cli.Commands.Data;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod synth --count N --seed S --out DIR [--force]</c>: generates a SynBench-style synthetic suite, one
/// MacrOData <c>.npz</c> per planned spec (every prior × archetype combination in turn), and a suite manifest
/// <c>DIR/synbench.json</c> so the folder can be run as a benchmark suite.
/// </summary>
/// <remarks>
/// Files are generated in parallel; each is a pure function of its spec, so the bytes do not depend on the
/// schedule. Existing files are never overwritten without <c>--force</c>, and the check runs before anything is
/// written, so a refused run leaves the folder as it was.
/// </remarks>
public static class SynthCommand
{
    /// <summary>The manifest's file name inside the output folder.</summary>
    public const string ManifestFileName = SyntheticSuite.Name + ".json";

    /// <summary>A progress line goes to the error stream after every this many files.</summary>
    public const int ProgressInterval = 50;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var count = new Option<int>("--count", "-n") { Description = "How many datasets to generate.", DefaultValueFactory = _ => 800 };
        var seed = new Option<long>("--seed") { Description = "Seed of the plan (sizes, widths, contaminations) and of every dataset in it.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out", "-o") { Description = "Folder to write the .npz files and synbench.json into (created if missing).", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
        var command = new Command("synth", "Generate a SynBench-style synthetic suite (GMM, SCM and copula priors × outlier archetypes).")
        {
            count, seed, output, force,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(count), parsed.GetValue(seed), parsed.GetValue(output)!, parsed.GetValue(force)));
        return command;
    }

    private static int Run(CliConsole console, int count, long seed, string folder, bool force)
    {
        if (count < 1)
        {
            throw new UsageException($"--count must be ≥ 1. Got {count}.");
        }
        if (File.Exists(folder))
        {
            throw new UsageException($"--out {folder} is a file; expected a folder.");
        }
        var plan = SyntheticSuite.Plan(count, seed);
        string[] targets = plan.Select(spec => Path.Combine(folder, SyntheticSuite.FileName(spec))).ToArray();
        string manifestPath = Path.Combine(folder, ManifestFileName);
        foreach (string target in targets.Append(manifestPath))
        {
            OutputGuard.Check(target, force);
        }
        Directory.CreateDirectory(folder);

        var clock = Stopwatch.StartNew();
        int written = 0;
        var gate = new object();
        try
        {
            Parallel.For(0, plan.Count, i =>
            {
                SyntheticGenerator.Write(plan[i], targets[i]);
                lock (gate)
                {
                    written++;
                    if (written % ProgressInterval == 0 || written == plan.Count)
                    {
                        console.Error.WriteLine($"synth: {written}/{plan.Count} datasets written ({Seconds(clock)} s)");
                    }
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first file's own failure (a DataFileException, an IOException) the way a sequential run would.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        var manifest = ManifestFile.Build(SyntheticSuite.Name, folder, folder,
            description: $"SynBench-style synthetic suite: {count} datasets from seed {seed.ToString(CultureInfo.InvariantCulture)} (tabod synth).",
            license: "Generated data; no third-party terms.");
        // The folder may hold files of an earlier, larger run; the manifest lists only this run's.
        var planned = targets.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        int stale = manifest.Datasets.Count(e => !planned.Contains(e.File));
        if (stale > 0)
        {
            console.Warn($"{folder} holds {stale} other data file(s); they are left out of {ManifestFileName}.");
            manifest = manifest with { Datasets = manifest.Datasets.Where(e => planned.Contains(e.File)).ToArray() };
        }
        ManifestFile.Save(manifest, manifestPath);
        console.Out.WriteLine($"wrote {count} datasets and {manifestPath} in {Seconds(clock)} s "
            + $"({SyntheticSuite.Combinations.Count} prior × archetype combinations, seed {seed.ToString(CultureInfo.InvariantCulture)}).");
        return ExitCodes.Ok;
    }

    private static string Seconds(Stopwatch clock) => clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
}
