using System.CommandLine;
using TabularOd.Data;
using TabularOd.Data.Splits;

namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// <c>tabod data split IN OUT --seed S</c>: makes a MacrOData train/test pair from a single labelled table
/// (half the inliers train; the other half and every outlier test; per group when the table has groups).
/// </summary>
public static class DataSplitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("in") { Description = "A labelled single-table file (.npz with X/y, .csv, .mat)." };
        var output = new Argument<string>("out") { Description = "Where to write the pair (.npz in MacrOData layout, or .csv with a split column)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the split; the same seed gives the same split.", DefaultValueFactory = _ => 0 };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists." };
        var readOptions = new ReadOptionsBinding();
        var command = new Command("split", "Split a labelled table into the MacrOData train/test protocol (inlier-only train).") { input, output, seed, force };
        readOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(input)!, to = parsed.GetValue(output)!;
            OutputGuard.Check(to, parsed.GetValue(force));
            var data = DataReader.Read(from, readOptions.Bind(parsed));
            if (data.Pair is not null)
            {
                throw new DataFileException(from, "already holds a train/test pair; nothing to split.");
            }
            if (data.Table!.Labels is null)
            {
                throw new DataFileException(from, "has no labels; the split needs 0/1 labels (for CSV, name the column with --label-column).");
            }
            var pair = MacrODataSplit.Split(data.Table, parsed.GetValue(seed));
            DataWriter.Write(DataFile.OfPair(to, pair), to);
            console.Out.WriteLine($"wrote {to}: train {pair.Train.Rows} inliers; test {pair.Test.Rows} rows with {pair.Test.OutlierCount} outliers.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
