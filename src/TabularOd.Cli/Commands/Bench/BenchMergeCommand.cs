using System.CommandLine;
using TabularOd.Benchmarking.Store;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>
/// <c>tabod bench merge --out merged.db SHARD.db…</c>: combines results stores (the shards of a cluster run)
/// into one. Idempotent: merging the same store twice adds nothing; a finished cell replaces a failed one.
/// </summary>
public static class BenchMergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out", "-o") { Description = "The store to merge into (created when missing).", Required = true, HelpName = "DB" };
        var inputs = new Argument<string[]>("stores") { Description = "Results stores to merge in (shard files).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Merge results stores (e.g. the shards of a Slurm array) into one.") { output, inputs };
        command.SetAction(parsed =>
        {
            string target = parsed.GetValue(output)!;
            string[] sources = parsed.GetValue(inputs)!;
            foreach (string source in sources)
            {
                if (!File.Exists(source))
                {
                    throw new TabularOd.Data.DataFileException(source, "results store not found.");
                }
            }
            using var store = ResultsStore.Open(target);
            long added = 0, present = 0, conflicting = 0;
            foreach (string source in sources)
            {
                var summary = store.MergeFrom(source);
                console.Out.WriteLine($"{source}: {summary.Added} cells added, {summary.AlreadyPresent} already present"
                    + (summary.Conflicting > 0 ? $", {summary.Conflicting} with different metrics (kept the existing ones)" : ""));
                (added, present, conflicting) = (added + summary.Added, present + summary.AlreadyPresent, conflicting + summary.Conflicting);
            }
            console.Out.WriteLine($"merged {sources.Length} stores into {target}: {added} cells added, {present} already present, {store.RecordedKeys().Count} cells in all.");
            if (conflicting > 0)
            {
                console.Warn($"{conflicting} cells were recorded with different metrics in different stores; runs of the same cell should agree.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
