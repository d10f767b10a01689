using System.CommandLine;
using System.Globalization;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Data;

namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// <c>tabod data info PATH…</c>: one file gets a full description (shape, storage types, outliers, metadata);
/// a folder, a suite manifest or several files get one table row each and a total. A file that fails to
/// load is reported on its own line and the others are still described; the exit code is then 1.
/// </summary>
public static class DataInfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Data files (.npz .npy .csv .mat), folders of them, or suite manifests (.json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var readOptions = new ReadOptionsBinding();
        var command = new Command("info", "Describe data files: shape, storage types, outlier count and fraction, metadata.") { paths };
        readOptions.AddTo(command);
        command.SetAction(parsed => Run(console, parsed.GetValue(paths)!, readOptions.Bind(parsed)));
        return command;
    }

    private static int Run(CliConsole console, string[] paths, DataReadOptions options)
    {
        if (paths.Length == 1 && !Directory.Exists(paths[0]) && !IsManifest(paths[0]))
        {
            Describe(console, DataReader.Read(paths[0], options));
            return ExitCodes.Ok;
        }
        return Summarise(console, paths.SelectMany(ExpandPath).ToList(), options);
    }

    private static int Summarise(CliConsole console, List<string> files, DataReadOptions options)
    {
        var table = new Table().AddColumns("dataset", "layout", "rows", "train", "test", "features", "outliers", "fraction");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }
        int failed = 0, totalRows = 0, totalOutliers = 0;
        foreach (string file in files)
        {
            DataFile data;
            try
            {
                data = DataReader.Read(file, options);
            }
            catch (DataFileException e)
            {
                console.Fail(e.Message);
                failed++;
                continue;
            }
            var (rows, features, outliers) = ManifestFile.Count(data);
            totalRows += rows;
            totalOutliers += outliers;
            string train = data.Pair is { } pair ? Count(pair.Train.Rows) : "—";
            string test = data.Pair is { } p ? Count(p.Test.Rows) : "—";
            table.AddRow(Markup.Escape(data.Name), data.Pair is null ? "table" : "train/test", Count(rows), train, test,
                Count(features), Count(outliers), Fraction(outliers, rows));
        }
        console.Out.Write(table);
        console.Out.WriteLine(
            $"{files.Count - failed} of {files.Count} files read; {Count(totalRows)} rows, {Count(totalOutliers)} outliers ({Fraction(totalOutliers, totalRows)})."
            + (failed > 0 ? $" {failed} failed (see above)." : ""));
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void Describe(CliConsole console, DataFile data)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value) => grid.AddRow(new Text(key), new Text(value));
        Row("file", data.Path);
        Row("name", data.Name);
        if (data.Pair is { } pair)
        {
            Row("layout", "train/test pair (MacrOData)");
            Row("features", Count(pair.Train.Columns));
            Row("train", $"{Plural(pair.Train.Rows, "row")}, {Plural(pair.Train.OutlierCount ?? 0, "outlier")}");
            Row("test", $"{Plural(pair.Test.Rows, "row")}, {Plural(pair.Test.OutlierCount ?? 0, "outlier")} ({Fraction(pair.Test.OutlierCount ?? 0, pair.Test.Rows)})");
            if (pair.Train.Groups is { } groups)
            {
                Row("groups", $"{Count(groups.Concat(pair.Test.Groups ?? []).Distinct().Count())} distinct");
            }
        }
        else
        {
            var table = data.Table!;
            Row("layout", "single table (make a train/test pair with 'tabod data split')");
            Row("shape", $"{Plural(table.Rows, "row")} × {Plural(table.Columns, "feature")}");
            Row("outliers", table.Labels is null ? "unlabelled" : $"{Count(table.OutlierCount ?? 0)} ({Fraction(table.OutlierCount ?? 0, table.Rows)})");
        }
        var names = data.Pair?.Train.FeatureNames ?? data.Table!.FeatureNames;
        Row("feature names", Shorten(string.Join(", ", names), 150));
        var metadata = data.Pair?.Metadata ?? data.Table!.Metadata;
        // Storage types of the data arrays only; metadata entries speak for themselves below.
        foreach (var (name, type) in data.StoredTypes.Where(t => !metadata.ContainsKey(t.Key)))
        {
            Row($"stored '{name}'", type);
        }
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Row(key, Shorten(MetadataText(value), 150));
        }
        console.Out.Write(grid);
        foreach (string warning in data.Warnings)
        {
            console.Warn($"{data.Path}: {warning}");
        }
    }

    /// <summary>Files named directly, every data file of a folder, or every entry of a manifest.</summary>
    internal static IEnumerable<string> ExpandPath(string path)
    {
        if (Directory.Exists(path))
        {
            var files = DataReader.ListFiles(path);
            if (files.Count == 0)
            {
                throw new DataFileException(path, $"the folder holds no data files ({string.Join(", ", DataReader.SupportedExtensions)}).");
            }
            return files;
        }
        if (IsManifest(path))
        {
            var manifest = ManifestFile.Load(path);
            return manifest.Datasets.Select(entry => ManifestFile.Resolve(path, manifest, entry)).ToArray();
        }
        return [path];
    }

    private static bool IsManifest(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    internal static string MetadataText(object value) => value switch
    {
        string s => s,
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Array { Length: 0 } => "[]",
        Array array => "[" + string.Join(", ", array.Cast<object>().Take(8).Select(MetadataText))
            + (array.Length > 8 ? $", … ({array.Length} items)" : "") + "]",
        _ => value.ToString() ?? "",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Plural(int n, string noun) => $"{Count(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fraction(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
