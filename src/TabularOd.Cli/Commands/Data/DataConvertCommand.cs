using System.CommandLine;
using TabularOd.Data;

namespace TabularOd.Cli.Commands.Data;

/// <summary><c>tabod data convert IN OUT</c>: rewrites a data file in another format (npz ↔ csv, mat/npy → either).</summary>
public static class DataConvertCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("in") { Description = "The file to read (.npz .npy .csv .mat)." };
        var output = new Argument<string>("out") { Description = "The file to write (.npz or .csv); the extension picks the format." };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists." };
        var readOptions = new ReadOptionsBinding();
        var command = new Command("convert", "Convert a data file between formats (npz ↔ csv; mat and npy to either).") { input, output, force };
        readOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(input)!, to = parsed.GetValue(output)!;
            OutputGuard.Check(to, parsed.GetValue(force));
            var data = DataReader.Read(from, readOptions.Bind(parsed));
            foreach (string warning in data.Warnings)
            {
                console.Warn($"{from}: {warning}");
            }
            if (Path.GetExtension(to).Equals(".csv", StringComparison.OrdinalIgnoreCase) && (data.Pair?.Metadata ?? data.Table!.Metadata).Count > 0)
            {
                console.Warn($"{to}: CSV keeps no metadata; the file's metadata entries are not carried over.");
            }
            DataWriter.Write(data, to);
            var (rows, features, outliers) = TabularOd.Benchmarking.Catalog.ManifestFile.Count(data);
            console.Out.WriteLine($"wrote {to}: {rows} rows, {features} features, {outliers} outliers{(data.Pair is null ? "" : " (train/test pair)")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
