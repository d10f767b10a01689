using System.Globalization;
using TabularOd.Benchmarking.Reports;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>Prints a leaderboard as a table.</summary>
internal static class LeaderboardView
{
    public static void Write(CliConsole console, Leaderboard board, int top)
    {
        var table = new Table().AddColumns("#", "configuration", "datasets", "failed", "mean AUROC", "median AUROC", "mean AUPRC", "avg rank", "seconds");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }
        int place = 0;
        foreach (var row in board.Rows.Take(top))
        {
            table.AddRow((++place).ToString(CultureInfo.InvariantCulture), Markup.Escape(row.Configuration),
                row.Datasets.ToString(CultureInfo.InvariantCulture), row.Failures.ToString(CultureInfo.InvariantCulture),
                Format(row.MeanAuroc, "0.0000"), Format(row.MedianAuroc, "0.0000"), Format(row.MeanAuprc, "0.0000"),
                Format(row.AverageRank, "0.00"), Format(row.Seconds, "0.0"));
        }
        console.Out.WriteLine($"Leaderboard: {board.Rows.Count} configurations over {board.Datasets} datasets"
            + $" (ranks over the {board.CompleteDatasets} datasets every configuration finished)");
        console.Out.Write(table);
        if (board.Rows.Count > top)
        {
            console.Out.WriteLine($"… {board.Rows.Count - top} more; see the report.");
        }
    }

    private static string Format(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
