using System.IO.Compression;

namespace TabularOd.Data;

/// <summary>
/// Writes a dataset as a <c>.npz</c> file NumPy can <c>np.load</c>: a train/test pair in the MacrOData layout
/// (<c>train</c>, <c>train_labels</c>, <c>test</c>, <c>test_labels</c>, groups, <c>feature_names</c>), a table in
/// the ADBench layout (<c>X</c>, <c>y</c>, <c>feature_names</c>, and <c>groups</c> when present), plus every
/// metadata entry as a scalar or 1-D array. Entries are stored uncompressed, like <c>np.savez</c>.
/// </summary>
public static class NpzDatasetWriter
{
    // ZIP timestamps are local DOS times; a fixed one (the format's epoch, as np.savez also writes) makes the
    // same data always produce the same bytes.
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(DataFile file, string path) => Write(file, path, compress: false);

    /// <summary>
    /// Writes <paramref name="file"/>; with <paramref name="compress"/> the entries are deflated, like
    /// <c>np.savez_compressed</c>.
    /// </summary>
    internal static void Write(DataFile file, string path, bool compress)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        var entries = Plan(file, path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach ((string name, Action<Stream> write) in entries)
        {
            ZipArchiveEntry entry = archive.CreateEntry(name + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTimestamp;
            using Stream data = entry.Open();
            write(data);
        }
    }

    // Everything that can be wrong with the data is found here, before the file is created.
    private static List<(string Name, Action<Stream> Write)> Plan(DataFile file, string path)
    {
        var entries = new List<(string, Action<Stream>)>();
        string[] layoutArrays;
        IReadOnlyDictionary<string, object> metadata;
        if (file.Pair is { } pair)
        {
            layoutArrays = ["train", "train_labels", "test", "test_labels", "train_groups", "test_groups", "feature_names"];
            Dataset train = pair.Train, test = pair.Test;
            // The layout promises train_labels; an unlabelled training table is inliers-only by construction.
            int[] trainLabels = train.Labels ?? new int[train.Rows];
            entries.Add(("train", s => NpyWriter.WriteMatrix(s, train.Features)));
            entries.Add(("train_labels", s => WriteLabels(s, trainLabels)));
            entries.Add(("test", s => NpyWriter.WriteMatrix(s, test.Features)));
            if (test.Labels is { } testLabels)
            {
                entries.Add(("test_labels", s => WriteLabels(s, testLabels)));
            }
            if (train.Groups is { } trainGroups)
            {
                entries.Add(("train_groups", s => NpyWriter.WriteInt64s(s, trainGroups, [trainGroups.Length])));
            }
            if (test.Groups is { } testGroups)
            {
                entries.Add(("test_groups", s => NpyWriter.WriteInt64s(s, testGroups, [testGroups.Length])));
            }
            entries.Add(("feature_names", s => NpyWriter.WriteStrings(s, train.FeatureNames, [train.FeatureNames.Count])));
            metadata = pair.Metadata;
        }
        else
        {
            Dataset table = file.Table ?? throw new ArgumentException("The data file holds neither a table nor a pair.", nameof(file));
            layoutArrays = ["X", "y", "groups", "feature_names"];
            entries.Add(("X", s => NpyWriter.WriteMatrix(s, table.Features)));
            if (table.Labels is { } labels)
            {
                entries.Add(("y", s => WriteLabels(s, labels)));
            }
            if (table.Groups is { } groups)
            {
                entries.Add(("groups", s => NpyWriter.WriteInt64s(s, groups, [groups.Length])));
            }
            entries.Add(("feature_names", s => NpyWriter.WriteStrings(s, table.FeatureNames, [table.FeatureNames.Count])));
            metadata = table.Metadata;
        }
        foreach ((string key, object value) in metadata)
        {
            if (layoutArrays.Contains(key, StringComparer.Ordinal))
            {
                throw new DataFileException(path, $"metadata '{key}' has the name of one of the layout's arrays; rename it.");
            }
            entries.Add((key, MetadataWriter(path, key, value)));
        }
        return entries;
    }

    private static void WriteLabels(Stream stream, int[] labels) =>
        NpyWriter.WriteInt64s(stream, Array.ConvertAll(labels, l => (long)l), [labels.Length]);

    private static Action<Stream> MetadataWriter(string path, string key, object value) => value switch
    {
        string s => stream => NpyWriter.WriteStrings(stream, [s], []),
        double d => stream => NpyWriter.WriteDoubles(stream, [d], []),
        float f => stream => NpyWriter.WriteDoubles(stream, [f], []),
        long l => stream => NpyWriter.WriteInt64s(stream, [l], []),
        int i => stream => NpyWriter.WriteInt64s(stream, [i], []),
        bool b => stream => NpyWriter.WriteBooleans(stream, [b], []),
        string[] strings => stream => NpyWriter.WriteStrings(stream, strings, [strings.Length]),
        double[] doubles => stream => NpyWriter.WriteDoubles(stream, doubles, [doubles.Length]),
        long[] longs => stream => NpyWriter.WriteInt64s(stream, longs, [longs.Length]),
        int[] ints => stream => NpyWriter.WriteInt64s(stream, Array.ConvertAll(ints, v => (long)v), [ints.Length]),
        bool[] bools => stream => NpyWriter.WriteBooleans(stream, bools, [bools.Length]),
        _ => throw new DataFileException(path, $"metadata '{key}' holds a {value.GetType().Name}; only strings, numbers, booleans and 1-D arrays of them can be written to .npz."),
    };
}
