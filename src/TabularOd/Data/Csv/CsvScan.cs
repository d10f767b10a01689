using System.Globalization;
using CsvHelper;

namespace TabularOd.Data.Csv;

/// <summary>
/// The first pass over a CSV: checks its shape, parses the numeric cells, label, split and group columns,
/// and finds which feature columns are text. Only text columns need their strings, which
/// <see cref="ReadText"/> fetches in a second pass, so all-numeric files are read once and no cell
/// becomes a string.
/// </summary>
internal sealed class CsvScan
{
    /// <summary>Comma separated, header first, cells trimmed; bad quoting stops the read instead of swallowing lines.</summary>
    public static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly string _path;
    private double[] _values = new double[1024];

    private CsvScan(string path, CsvColumnRoles roles)
    {
        _path = path;
        Roles = roles;
        IsText = new bool[roles.Features.Length];
        Labels = roles.Label >= 0 ? [] : null;
        IsTrain = roles.Split >= 0 ? [] : null;
        Groups = roles.Group >= 0 ? [] : null;
    }

    /// <summary>The roles of the header columns.</summary>
    public CsvColumnRoles Roles { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows { get; private set; }

    /// <summary>Per feature column: whether some cell is neither missing nor a number.</summary>
    public bool[] IsText { get; }

    /// <summary>The labels, when there is a label column.</summary>
    public List<int>? Labels { get; }

    /// <summary>Per row, whether it belongs to train, when there is a split column.</summary>
    public List<bool>? IsTrain { get; }

    /// <summary>The group ids, when there is a group column.</summary>
    public List<long>? Groups { get; }

    /// <summary>The parsed feature cells, row-major (NaN where missing, and throughout text columns).</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Rows * Roles.Features.Length);

    /// <summary>Reads the whole file once.</summary>
    /// <exception cref="DataFileException">The file is empty, header-only, ragged, or holds a bad label, split or group value.</exception>
    public static CsvScan Run(string path, DataReadOptions options)
    {
        using var reader = CsvReader.FromFile(path, ReaderOptions);
        var header = reader.Headers;
        if (header.Count == 0)
        {
            throw new DataFileException(path, "is empty.");
        }
        var scan = new CsvScan(path, CsvColumnRoles.Resolve(path, header, options));
        while (reader.Read())
        {
            scan.Add(reader);
        }
        if (scan.Rows == 0)
        {
            throw new DataFileException(path, "has a header but no data rows.");
        }
        return scan;
    }

    /// <summary>
    /// The second pass: the strings of the given feature columns (by position in <see cref="CsvColumnRoles.Features"/>),
    /// null where a cell is missing.
    /// </summary>
    public string?[][] ReadText(IReadOnlyList<int> featurePositions)
    {
        var text = featurePositions.Select(_ => new string?[Rows]).ToArray();
        // Pooling pays off here: text columns repeat their few categories row after row.
        using var reader = CsvReader.FromFile(_path, ReaderOptions with { PoolStrings = true });
        int row = 0;
        while (reader.Read())
        {
            if (row == Rows)
            {
                throw ChangedWhileReading();
            }
            for (int c = 0; c < featurePositions.Count; c++)
            {
                int column = Roles.Features[featurePositions[c]];
                text[c][row] = CsvCells.IsMissing(reader.GetSpan(column)) ? null : reader.GetString(column);
            }
            row++;
        }
        if (row != Rows)
        {
            throw ChangedWhileReading();
        }
        return text;
    }

    private DataFileException ChangedWhileReading() => new(_path, "changed while it was being read; read it again.");

    private void Add(CsvReader reader)
    {
        var roles = Roles;
        if (reader.FieldCount != roles.Header.Count)
        {
            throw new DataFileException(_path, $"line {reader.LineNumber} has {reader.FieldCount} fields but the header has {roles.Header.Count}.");
        }
        int width = roles.Features.Length;
        EnsureCapacity(checked((Rows + 1) * width));
        var target = _values.AsSpan(Rows * width, width);
        for (int f = 0; f < width; f++)
        {
            if (IsText[f])
            {
                target[f] = double.NaN;
                continue;
            }
            var cell = reader.GetSpan(roles.Features[f]);
            if (CsvCells.IsMissing(cell))
            {
                target[f] = double.NaN;
            }
            else if (CsvCells.TryParseNumber(cell, out double value))
            {
                target[f] = value;
            }
            else
            {
                IsText[f] = true;
                target[f] = double.NaN;
            }
        }
        if (Labels is not null)
        {
            var cell = reader.GetSpan(roles.Label);
            Labels.Add(CsvCells.TryParseLabel(cell, out int label)
                ? label
                : throw CellError(reader, roles.Label, cell, "is not a label; labels must be 0 (inlier) or 1 (outlier), also written 0.0/1.0 or false/true."));
        }
        if (IsTrain is not null)
        {
            var cell = reader.GetSpan(roles.Split);
            IsTrain.Add(CsvCells.TryParseSplit(cell, out bool isTrain)
                ? isTrain
                : throw CellError(reader, roles.Split, cell, "is not a split; use train or test."));
        }
        if (Groups is not null)
        {
            var cell = reader.GetSpan(roles.Group);
            Groups.Add(CsvCells.TryParseGroup(cell, out long group)
                ? group
                : throw CellError(reader, roles.Group, cell, "is not a group id; group ids must be integers."));
        }
        Rows++;
    }

    private DataFileException CellError(CsvReader reader, int column, ReadOnlySpan<byte> cell, string problem) =>
        new(_path, $"line {reader.LineNumber}, column {CsvCells.Show(Roles.Header[column])}: {CsvCells.Show(cell)} {problem}");

    private void EnsureCapacity(int needed)
    {
        if (needed > _values.Length)
        {
            Array.Resize(ref _values, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _values.Length)));
        }
    }
}
