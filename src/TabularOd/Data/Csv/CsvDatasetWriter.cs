using System.Globalization;
using CsvHelper;
using TabularOd.Data.Csv;

namespace TabularOd.Data;

/// <summary>
/// Writes a table or a train/test pair as a CSV that <see cref="CsvDatasetReader"/> reads back to the same
/// features, names, labels, groups and split, bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Header: the feature names, then "label" when there are labels, "split" for a pair, "group" when there
/// are group ids. A pair is written train rows first, then test rows. Numbers are written in the shortest
/// form that round-trips (invariant culture); NaN as NaN, infinities as Infinity/-Infinity.
/// </para>
/// <para>
/// CSV has no place for metadata, so <see cref="Dataset.Metadata"/> is not written; use <c>.npz</c> to keep it.
/// Data that could not be read back the same is refused instead: no rows, feature names that are empty,
/// repeated or equal to "label", "split" or "group", labels or group ids on only one part of a pair.
/// </para>
/// </remarks>
public static class CsvDatasetWriter
{
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\n",
        // The reader trims unquoted cells, so names with outer whitespace must be quoted to survive.
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="DataFileException">The data cannot be written so that it reads back the same.</exception>
    public static void Write(DataFile file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        (Dataset Table, string? Split)[] parts = file.Pair is { } pair
            ? [(pair.Train, "train"), (pair.Test, "test")]
            : [(file.Table ?? throw new ArgumentException("The data file holds neither a table nor a pair.", nameof(file)), null)];
        var first = parts[0].Table;
        bool labelled = first.Labels is not null, grouped = first.Groups is not null;
        if (parts.Any(p => (p.Table.Labels is not null) != labelled || (p.Table.Groups is not null) != grouped))
        {
            throw new DataFileException(path, "train and test must both have labels or both lack them, and likewise group ids; CSV cannot mark them missing for one part.");
        }
        if (parts.FirstOrDefault(p => p.Table.Rows == 0) is { Table: not null } empty)
        {
            string what = empty.Split ?? "the table";
            throw new DataFileException(path, $"{what} has no rows; a CSV without data rows cannot be read back.");
        }
        CheckFeatureNames(path, first.FeatureNames);

        var header = new List<string>(first.FeatureNames);
        if (labelled)
        {
            header.Add(DataReadOptions.DefaultLabelColumn);
        }
        if (file.Pair is not null)
        {
            header.Add(DataReadOptions.DefaultSplitColumn);
        }
        if (grouped)
        {
            header.Add(DataReadOptions.DefaultGroupColumn);
        }

        using var writer = CsvWriter.ToFile(path, WriterOptions);
        writer.WriteHeader(header.ToArray());
        foreach (var (table, split) in parts)
        {
            for (int i = 0; i < table.Rows; i++)
            {
                foreach (double value in table.Features.Row(i))
                {
                    writer.WriteField(value, "R");
                }
                if (table.Labels is { } labels)
                {
                    writer.WriteField(labels[i], default);
                }
                if (split is not null)
                {
                    writer.WriteField(split);
                }
                if (table.Groups is { } groups)
                {
                    writer.WriteField(groups[i], default);
                }
                writer.EndRecord();
            }
        }
    }

    /// <summary>Refuses names that would read back differently: empty, repeated, or taken by the reader for another role.</summary>
    private static void CheckFeatureNames(string path, IReadOnlyList<string> names)
    {
        string[] reserved = [DataReadOptions.DefaultLabelColumn, DataReadOptions.DefaultSplitColumn, DataReadOptions.DefaultGroupColumn];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < names.Count; j++)
        {
            string name = names[j];
            if (name.Trim().Length == 0)
            {
                throw new DataFileException(path, $"feature {j} has no name; CSV needs a name for every column.");
            }
            if (reserved.Contains(name))
            {
                throw new DataFileException(path, $"feature {CsvCells.Show(name)} would read back as the {name} column; rename it before writing CSV.");
            }
            if (!seen.Add(name))
            {
                throw new DataFileException(path, $"feature name {CsvCells.Show(name)} appears twice; CSV column names must be unique.");
            }
        }
    }
}
