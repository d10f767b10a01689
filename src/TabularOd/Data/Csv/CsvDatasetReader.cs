using CsvHelper;
using TabularOd.Data.Csv;

namespace TabularOd.Data;

/// <summary>
/// Reads a comma-separated file with a header row into a table, or into a train/test pair when it has a
/// split column.
/// </summary>
/// <remarks>
/// <para>
/// Columns: the label column (see <see cref="DataReadOptions.LabelColumn"/>; 0/1, 0.0/1.0 or false/true),
/// the split column ("train"/"test", any case), the group column (integer ids) and, in file order, the
/// features: every other column.
/// </para>
/// <para>
/// A feature column is numeric when each of its cells is a number in the invariant culture or missing
/// (empty, NA, NaN, N/A, null or ?, any case); missing cells become NaN, which the read pipeline then
/// refuses or imputes. Any other column is text and is one-hot encoded: one 0/1 column per category
/// seen in the train rows (all rows without a split column), sorted ordinally and named "column=value".
/// A missing or unseen value encodes as all zeros. Whether a column is text is decided from all rows,
/// but its categories from the train rows only, so test rows never shape the features. The encoding is
/// recorded in <see cref="Dataset.Metadata"/> under <see cref="OneHotColumnsKey"/> and
/// <see cref="OneHotCategoriesKeyPrefix"/> + column name.
/// </para>
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>Metadata key of the names of the one-hot encoded text columns (<c>string[]</c>).</summary>
    public const string OneHotColumnsKey = "one_hot_columns";

    /// <summary>Prefix of the metadata key holding one text column's categories (<c>string[]</c>).</summary>
    public const string OneHotCategoriesKeyPrefix = "one_hot_categories:";

    /// <summary>
    /// Most categories a text column may have. Beyond it the column is more likely an identifier or free
    /// text than a category, and one-hot encoding it would swamp every other feature.
    /// </summary>
    public const int MaxCategories = 1000;

    /// <summary>Reads <paramref name="path"/>. Every problem with the file is a one-line <see cref="DataFileException"/>.</summary>
    public static DataFile Read(string path, DataReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return Assemble(path, CsvScan.Run(path, options));
        }
        catch (CsvFormatException e)
        {
            // CsvHelper's own message already says "Malformed CSV in record r (line l): …".
            string detail = CsvCells.OneLine(e.Message);
            string problem = detail.StartsWith("Malformed CSV", StringComparison.Ordinal) ? "m" + detail[1..] : $"malformed CSV: {detail}";
            throw new DataFileException(path, problem, e);
        }
        catch (IOException e)
        {
            throw new DataFileException(path, $"could not be read: {CsvCells.OneLine(e.Message)}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFileException(path, $"could not be read: {CsvCells.OneLine(e.Message)}", e);
        }
    }

    private static DataFile Assemble(string path, CsvScan scan)
    {
        var roles = scan.Roles;
        var warnings = new List<string>();
        if (roles.LabelLookAlikeWarning() is { } labelWarning)
        {
            warnings.Add(labelWarning);
        }
        bool[]? isTrain = scan.IsTrain?.ToArray();
        if (isTrain is not null)
        {
            RequireBothParts(path, roles, isTrain);
        }

        var encoders = FitEncoders(path, scan, isTrain, out var text);
        var names = new List<string>();
        var blocks = new int[roles.Features.Length];
        for (int f = 0, c = 0; f < roles.Features.Length; f++)
        {
            if (scan.IsText[f])
            {
                names.AddRange(encoders[c].FeatureNames);
                blocks[f] = encoders[c++].Categories.Count;
            }
            else
            {
                names.Add(roles.Header[roles.Features[f]]);
                blocks[f] = 1;
            }
        }
        var features = BuildFeatures(scan, blocks, names.Count, encoders, text, isTrain, warnings);

        var metadata = new Dictionary<string, object>();
        if (encoders.Count > 0)
        {
            metadata[OneHotColumnsKey] = encoders.Select(e => e.Column).ToArray();
            foreach (var encoder in encoders)
            {
                metadata[OneHotCategoriesKeyPrefix + encoder.Column] = encoder.Categories.ToArray();
            }
            string fitted = isTrain is null ? "all rows" : "the train rows";
            string list = string.Join(", ", encoders.Select(e => $"{CsvCells.Show(e.Column)} ({e.Categories.Count})"));
            warnings.Insert(0, $"one-hot encoded {encoders.Count} text column(s), categories from {fitted}: {list}.");
        }

        var table = new Dataset(
            Path.GetFileNameWithoutExtension(path),
            features,
            names,
            scan.Labels?.ToArray(),
            scan.Groups?.ToArray(),
            metadata);
        var storedTypes = StoredTypes(roles, encoders);
        if (isTrain is null)
        {
            return DataFile.OfTable(path, table, warnings) with { StoredTypes = storedTypes };
        }
        int[] trainRows = Enumerable.Range(0, isTrain.Length).Where(i => isTrain[i]).ToArray();
        int[] testRows = Enumerable.Range(0, isTrain.Length).Where(i => !isTrain[i]).ToArray();
        var pair = new TrainTestPair(table.SelectRows(trainRows), table.SelectRows(testRows));
        return DataFile.OfPair(path, pair, warnings) with { StoredTypes = storedTypes };
    }

    private static void RequireBothParts(string path, CsvColumnRoles roles, bool[] isTrain)
    {
        string column = CsvCells.Show(roles.Header[roles.Split]);
        if (!isTrain.Contains(true))
        {
            throw new DataFileException(path, $"split column {column} marks no row as train.");
        }
        if (!isTrain.Contains(false))
        {
            throw new DataFileException(path, $"split column {column} marks no row as test.");
        }
    }

    /// <summary>One encoder per text column, fitted on the train rows; <paramref name="text"/> gets the columns' strings.</summary>
    private static List<OneHotEncoder> FitEncoders(string path, CsvScan scan, bool[]? isTrain, out string?[][] text)
    {
        var textPositions = Enumerable.Range(0, scan.IsText.Length).Where(f => scan.IsText[f]).ToArray();
        text = textPositions.Length == 0 ? [] : scan.ReadText(textPositions);
        var encoders = new List<OneHotEncoder>(textPositions.Length);
        for (int c = 0; c < textPositions.Length; c++)
        {
            var values = text[c];
            string column = scan.Roles.Header[scan.Roles.Features[textPositions[c]]];
            var fitValues = isTrain is null ? values : values.Where((_, i) => isTrain[i]);
            var encoder = OneHotEncoder.Fit(column, fitValues);
            if (encoder.Categories.Count > MaxCategories)
            {
                throw new DataFileException(path, $"column {CsvCells.Show(column)} is text with {encoder.Categories.Count} distinct values, too many to one-hot encode (at most {MaxCategories}); drop it, or convert it to numbers, if it is an identifier or free text.");
            }
            encoders.Add(encoder);
        }
        return encoders;
    }

    private static DataMatrix BuildFeatures(
        CsvScan scan, int[] blocks, int width, List<OneHotEncoder> encoders, string?[][] text, bool[]? isTrain, List<string> warnings)
    {
        int inputWidth = blocks.Length;
        var parsed = scan.Values;
        var values = new double[checked(scan.Rows * width)];
        var unseen = new int[encoders.Count];
        for (int i = 0; i < scan.Rows; i++)
        {
            var target = values.AsSpan(i * width, width);
            var source = parsed.Slice(i * inputWidth, inputWidth);
            for (int f = 0, c = 0, at = 0; f < inputWidth; at += blocks[f], f++)
            {
                if (!scan.IsText[f])
                {
                    target[at] = source[f];
                }
                else
                {
                    if (!encoders[c].Encode(text[c][i], target.Slice(at, blocks[f])))
                    {
                        unseen[c]++;
                    }
                    c++;
                }
            }
        }
        for (int c = 0; c < encoders.Count; c++)
        {
            if (unseen[c] > 0)
            {
                string rows = isTrain is null ? "rows" : "test rows";
                warnings.Add($"column {CsvCells.Show(encoders[c].Column)}: {unseen[c]} {rows} hold values not seen in train; they encode as all zeros.");
            }
        }
        return DataMatrix.FromRowMajor(scan.Rows, width, values);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> StoredTypes(CsvColumnRoles roles, List<OneHotEncoder> encoders)
    {
        var encoded = encoders.ToDictionary(e => e.Column, StringComparer.Ordinal);
        return roles.Header.Select((name, j) => new KeyValuePair<string, string>(name,
            j == roles.Label ? "label (0/1)"
            : j == roles.Split ? "split (train/test)"
            : j == roles.Group ? "group id (integer)"
            : encoded.TryGetValue(name, out var encoder) ? $"text, one-hot encoded ({encoder.Categories.Count} categories)"
            : "number")).ToArray();
    }
}
