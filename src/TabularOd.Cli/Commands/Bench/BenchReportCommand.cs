using System.CommandLine;
using TabularOd.Benchmarking.Reports;
using TabularOd.Benchmarking.Store;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>
/// <c>tabod bench report results.db --out report/</c>: writes report.md (with the plots as SVG files beside it)
/// and one self-contained report.html, and prints the leaderboard.
/// </summary>
public static class BenchReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var store = new Argument<string>("store") { Description = "A results store written by 'bench run' or 'bench merge'." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for report.md, report.html and the SVG plots.", DefaultValueFactory = _ => "report", HelpName = "DIR" };
        var top = new Option<int>("--top") { Description = "Leaderboard rows to print (0: none).", DefaultValueFactory = _ => 25, HelpName = "N" };
        var command = new Command("report", "Write the Markdown and HTML report of a results store (leaderboard, statistics, plots).") { store, output, top };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(top) < 0)
            {
                throw new UsageException($"--top must be ≥ 0. Got {parsed.GetValue(top)}.");
            }
            using var results = ResultsStore.Open(parsed.GetValue(store)!, create: false);
            var files = BenchmarkReport.Write(results, parsed.GetValue(output)!);
            if (parsed.GetValue(top) > 0)
            {
                LeaderboardView.Write(console, files.Board, parsed.GetValue(top));
            }
            console.Out.WriteLine($"wrote {files.Markdown}, {files.Html} and {files.Plots.Count} plots");
            return ExitCodes.Ok;
        });
        return command;
    }
}
