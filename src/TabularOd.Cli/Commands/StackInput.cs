using System.Globalization;
using System.Text;
using CsvHelper;
using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Cli.Commands;

/// <summary>
/// The files of <c>tabod stack</c>: out-of-fold and test prediction tables (CSV, one column per base model, optionally
/// the target column), the predictions it writes, and the stack file (the base-model column names and the target
/// name, followed by the library's <see cref="FittedStack"/> format). Every problem with a file is a one-line
/// <see cref="DataFileException"/> naming it.
/// </summary>
internal static class StackInput
{
    /// <summary>Magic of the CLI stack file: "TABODSCL", then the column header, then a <see cref="FittedStack"/>.</summary>
    private static readonly byte[] CliMagic = "TABODSCL"u8.ToArray();

    /// <summary>Magic of a bare <see cref="FittedStack"/> file (no column names: columns are matched by position).</summary>
    private static readonly byte[] StackMagic = "TABODSTK"u8.ToArray();

    private const int CliFormatVersion = 1;

    /// <summary>Most column names a "not found" message lists.</summary>
    private const int MaxListedColumns = 20;

    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>A prediction table: base-model columns (in file order, the target excluded) and the target when present.</summary>
    public sealed record PredictionTable(string Path, string[] Models, DataMatrix Predictions, double[]? Target);

    /// <summary>A stack file's content: the stack and, when the CLI wrote it, its column names and target.</summary>
    public sealed record StackFile(FittedStack Stack, string[]? Models, string? Target);

    /// <summary>Reads an OOF table: every column but <paramref name="target"/> is a base model; the target must exist.</summary>
    public static PredictionTable ReadOof(string path, string target)
    {
        var (header, values, rows) = ReadNumeric(path);
        int t = Array.IndexOf(header, target);
        if (t < 0)
        {
            throw new DataFileException(path, $"target column {Show(target)} not found; columns are: {List(header)}.");
        }
        if (header.Length < 2)
        {
            throw new DataFileException(path, "has no base-model columns besides the target.");
        }
        var models = header.Where((_, j) => j != t).ToArray();
        var columns = Enumerable.Range(0, header.Length).Where(j => j != t).ToArray();
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = values[i * header.Length + t];
        }
        return new PredictionTable(path, models, Select(values, rows, header.Length, columns), y);
    }

    /// <summary>
    /// Reads a test table whose base-model columns must be exactly <paramref name="models"/> (any order); a column named
    /// <paramref name="target"/> is allowed and read as the target. With <paramref name="models"/> null (a stack
    /// without names) the table must have <paramref name="count"/> columns, taken by position.
    /// </summary>
    public static PredictionTable ReadTest(string path, string[]? models, int count, string? target)
    {
        var (header, values, rows) = ReadNumeric(path);
        int t = target is null ? -1 : Array.IndexOf(header, target);
        if (models is null)
        {
            int width = header.Length - (t >= 0 ? 1 : 0);
            if (width != count)
            {
                throw new DataFileException(path, $"has {width} base-model columns but the stack was fitted on {count}.");
            }
            var all = Enumerable.Range(0, header.Length).Where(j => j != t).ToArray();
            return new PredictionTable(path, [.. all.Select(j => header[j])], Select(values, rows, header.Length, all), Target(values, rows, header.Length, t));
        }
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < header.Length; j++)
        {
            position[header[j]] = j;
        }
        foreach (string model in models)
        {
            if (!position.ContainsKey(model))
            {
                throw new DataFileException(path, $"base-model column {Show(model)} is missing; the stack needs: {List(models)}.");
            }
        }
        var known = new HashSet<string>(models, StringComparer.Ordinal);
        foreach (string name in header)
        {
            if (!known.Contains(name) && name != target)
            {
                throw new DataFileException(path, $"column {Show(name)} is not a base model of the stack; the stack needs: {List(models)}.");
            }
        }
        var columns = models.Select(m => position[m]).ToArray();
        return new PredictionTable(path, models, Select(values, rows, header.Length, columns), Target(values, rows, header.Length, t));
    }

    /// <summary>Writes "row,prediction", one line per row, doubles round-trippable.</summary>
    public static void WritePredictions(string path, IReadOnlyList<double> predictions)
    {
        try
        {
            using var writer = new StreamWriter(path);
            writer.WriteLine("row,prediction");
            for (int i = 0; i < predictions.Count; i++)
            {
                writer.WriteLine($"{i},{predictions[i].ToString("R", CultureInfo.InvariantCulture)}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"could not be written: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Writes "row" and the named columns (all of one length), doubles round-trippable.</summary>
    public static void WriteColumns(string path, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> columns)
    {
        try
        {
            using var writer = new StreamWriter(path);
            writer.WriteLine("row," + string.Join(',', columns.Select(c => c.Name)));
            int rows = columns.Count == 0 ? 0 : columns[0].Values.Count;
            var line = new StringBuilder();
            for (int i = 0; i < rows; i++)
            {
                line.Clear().Append(i.ToString(CultureInfo.InvariantCulture));
                foreach (var (_, values) in columns)
                {
                    line.Append(',').Append(values[i].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.WriteLine(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"could not be written: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Saves the stack with its column names and target name.</summary>
    public static void Save(string path, FittedStack stack, string[] models, string target)
    {
        try
        {
            using var stream = File.Create(path);
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(CliMagic);
                writer.Write(CliFormatVersion);
                writer.Write(target);
                writer.Write(models.Length);
                foreach (string model in models)
                {
                    writer.Write(model);
                }
            }
            stack.Save(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"could not be written: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Loads a stack written by <see cref="Save"/> or by <see cref="FittedStack.Save"/>.</summary>
    public static StackFile Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var magic = new byte[CliMagic.Length];
            stream.ReadExactly(magic);
            if (magic.AsSpan().SequenceEqual(StackMagic))
            {
                stream.Position = 0;
                return new StackFile(FittedStack.Load(stream), null, null);
            }
            if (!magic.AsSpan().SequenceEqual(CliMagic))
            {
                throw new DataFileException(path, "is not a tabod stack file (bad magic); write one with 'tabod stack fit --save-stack'.");
            }
            string target;
            string[] models;
            using (var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
            {
                int version = reader.ReadInt32();
                if (version != CliFormatVersion)
                {
                    throw new DataFileException(path, $"stack file version {version} is not supported; this build reads version {CliFormatVersion}.");
                }
                target = reader.ReadString();
                int count = reader.ReadInt32();
                if (count < 1 || count > 1_000_000)
                {
                    throw new DataFileException(path, $"a stack over {count} base models is not valid.");
                }
                models = new string[count];
                for (int j = 0; j < count; j++)
                {
                    models[j] = reader.ReadString();
                }
            }
            var stack = FittedStack.Load(stream);
            if (stack.BaseModels != models.Length)
            {
                throw new DataFileException(path, $"names {models.Length} base models but its stack reads {stack.BaseModels}.");
            }
            return new StackFile(stack, models, target);
        }
        catch (Exception e) when (e is EndOfStreamException)
        {
            throw new DataFileException(path, "is truncated.", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, OneLine(e.Message), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"could not be read: {OneLine(e.Message)}", e);
        }
    }

    private static (string[] Header, double[] Values, int Rows) ReadNumeric(string path)
    {
        try
        {
            using var reader = CsvReader.FromFile(path, ReaderOptions);
            var header = reader.Headers.ToArray();
            if (header.Length == 0)
            {
                throw new DataFileException(path, "is empty.");
            }
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < header.Length; j++)
            {
                if (header[j].Length == 0)
                {
                    throw new DataFileException(path, $"column {j + 1} has no name in the header.");
                }
                if (!seen.TryAdd(header[j], j))
                {
                    throw new DataFileException(path, $"column {Show(header[j])} appears twice in the header.");
                }
            }
            var values = new List<double>(1024);
            int rows = 0;
            while (reader.Read())
            {
                if (reader.FieldCount != header.Length)
                {
                    throw new DataFileException(path, $"line {reader.LineNumber} has {reader.FieldCount} fields but the header has {header.Length}.");
                }
                for (int j = 0; j < header.Length; j++)
                {
                    var cell = reader.GetSpan(j);
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    {
                        throw new DataFileException(path,
                            $"line {reader.LineNumber}, column {Show(header[j])}: {Show(Encoding.UTF8.GetString(cell))} is not a finite number.");
                    }
                    values.Add(value);
                }
                rows++;
            }
            if (rows == 0)
            {
                throw new DataFileException(path, "has a header but no data rows.");
            }
            return (header, values.ToArray(), rows);
        }
        catch (CsvFormatException e)
        {
            throw new DataFileException(path, $"malformed CSV: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "not found.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"could not be read: {OneLine(e.Message)}", e);
        }
    }

    private static DataMatrix Select(double[] values, int rows, int width, int[] columns)
    {
        var result = new double[rows * columns.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                result[i * columns.Length + c] = values[i * width + columns[c]];
            }
        }
        return DataMatrix.FromRowMajor(rows, columns.Length, result);
    }

    private static double[]? Target(double[] values, int rows, int width, int column)
    {
        if (column < 0)
        {
            return null;
        }
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = values[i * width + column];
        }
        return y;
    }

    private static string Show(string text)
    {
        string line = OneLine(text);
        return line.Length > 40 ? $"'{line[..40]}…'" : $"'{line}'";
    }

    private static string List(IReadOnlyList<string> names)
    {
        string list = string.Join(", ", names.Take(MaxListedColumns).Select(OneLine));
        return names.Count > MaxListedColumns ? $"{list}, … ({names.Count - MaxListedColumns} more)" : list;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
