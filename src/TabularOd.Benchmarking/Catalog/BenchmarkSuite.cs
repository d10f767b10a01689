using TabularOd.Data;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>One dataset of a benchmark suite, with what the runner needs to schedule it.</summary>
/// <param name="Id">Unique key within a results store: "suite/name".</param>
/// <param name="Name">Dataset name (file name without extension).</param>
/// <param name="Suite">The suite it came from.</param>
/// <param name="Path">Absolute path of the data file.</param>
/// <param name="Tags">Tags for breakdowns (suite, dataset type, domain).</param>
/// <param name="TrainRows">Training rows (0 when the file is one table the runner splits).</param>
/// <param name="TestRows">Test rows (all rows of a single table).</param>
/// <param name="Features">Feature columns.</param>
public sealed record SuiteDataset(string Id, string Name, string Suite, string Path, IReadOnlyList<string> Tags,
    int TrainRows, int TestRows, int Features)
{
    /// <summary>Rows the detector is fitted on: a single table gives about half of them to training.</summary>
    public int FitRows => TrainRows > 0 ? TrainRows : Math.Max(1, TestRows / 2);
}

/// <summary>
/// A benchmark suite resolved to files: from a manifest (JSON in <c>data-catalog/</c>) or from a folder of data
/// files, whose name becomes the suite's name and whose files are sized from their headers.
/// </summary>
public sealed record BenchmarkSuite(string Name, string Partition, IReadOnlyList<SuiteDataset> Datasets)
{
    /// <summary>
    /// Loads a suite from a manifest file or a folder. Several may be joined with commas. Every failure is a
    /// <see cref="DataFileException"/> naming the path.
    /// </summary>
    public static BenchmarkSuite Load(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        string[] parts = source.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1)
        {
            var suites = parts.Select(LoadOne).ToArray();
            var datasets = suites.SelectMany(s => s.Datasets).ToArray();
            var repeated = datasets.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new DataFileException(source, $"dataset '{repeated.Key}' is listed by more than one of the suites given.");
            }
            return new BenchmarkSuite(string.Join('+', suites.Select(s => s.Name)),
                suites.All(s => s.Partition == suites[0].Partition) ? suites[0].Partition : "mixed", datasets);
        }
        return LoadOne(parts[0]);
    }

    private static BenchmarkSuite LoadOne(string source)
    {
        if (Directory.Exists(source))
        {
            return FromFolder(source);
        }
        if (!File.Exists(source))
        {
            throw new DataFileException(source, "no such suite: expected a manifest (.json) or a folder of data files.");
        }
        var manifest = ManifestFile.Load(source);
        var datasets = manifest.Datasets.Select(e =>
        {
            string path = ManifestFile.Resolve(source, manifest, e);
            // Manifests list whole-file rows; a split file's train/test division is read from its headers when present.
            var shape = File.Exists(path) ? SafePeek(path) : null;
            return new SuiteDataset($"{manifest.Name}/{e.Name}", e.Name, manifest.Name, path,
                e.Tags.Count > 0 ? e.Tags : [manifest.Name],
                shape?.TrainRows ?? 0, shape?.TestRows ?? e.Rows, shape?.Features ?? e.Features);
        }).ToArray();
        if (datasets.Length == 0)
        {
            throw new DataFileException(source, "the manifest lists no datasets.");
        }
        return new BenchmarkSuite(manifest.Name, manifest.Partition, datasets);
    }

    private static BenchmarkSuite FromFolder(string folder)
    {
        string name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder)));
        var files = DataReader.ListFiles(folder);
        if (files.Count == 0)
        {
            throw new DataFileException(folder, $"holds no data files ({string.Join(", ", DataReader.SupportedExtensions)}).");
        }
        var datasets = files.Select(f =>
        {
            var shape = SafePeek(f) ?? new DatasetShape(0, 0, 0);
            string dataset = System.IO.Path.GetFileNameWithoutExtension(f);
            return new SuiteDataset($"{name}/{dataset}", dataset, name, System.IO.Path.GetFullPath(f), [name],
                shape.TrainRows, shape.TestRows, shape.Features);
        }).ToArray();
        return new BenchmarkSuite(name, "public", datasets);
    }

    // A damaged file must not stop the whole suite from loading: its cells fail one by one with the file's message.
    private static DatasetShape? SafePeek(string path)
    {
        try
        {
            return DatasetShape.Peek(path);
        }
        catch (DataFileException)
        {
            return null;
        }
    }
}
