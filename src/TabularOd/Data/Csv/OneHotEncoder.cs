namespace TabularOd.Data.Csv;

/// <summary>
/// One text column turned into indicator columns, one per category seen in the fitting rows, in ordinal
/// (culture-independent) sorted order and named "column=value".
/// </summary>
/// <remarks>
/// A missing cell and a category the fitting rows never held both encode as all zeros: the model gets
/// no evidence either way, and a test row is never given a column the detector was not fitted on.
/// </remarks>
internal sealed class OneHotEncoder
{
    private readonly Dictionary<string, int> _index;

    private OneHotEncoder(string column, string[] categories)
    {
        Column = column;
        Categories = categories;
        _index = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (int k = 0; k < categories.Length; k++)
        {
            _index.Add(categories[k], k);
        }
    }

    /// <summary>The source column's name.</summary>
    public string Column { get; }

    /// <summary>The categories, sorted ordinally; one output column each.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The output columns' names, "column=category".</summary>
    public IEnumerable<string> FeatureNames => Categories.Select(c => $"{Column}={c}");

    /// <summary>Learns the distinct non-missing values (null = missing) of the fitting rows.</summary>
    public static OneHotEncoder Fit(string column, IEnumerable<string?> values)
    {
        var categories = values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new OneHotEncoder(column, categories);
    }

    /// <summary>
    /// Writes the indicator of <paramref name="value"/> into <paramref name="destination"/> (one slot per
    /// category, all overwritten). Returns false for a value that is present but was never seen in fitting.
    /// </summary>
    public bool Encode(string? value, Span<double> destination)
    {
        destination[..Categories.Count].Clear();
        if (value is null)
        {
            return true;
        }
        if (_index.TryGetValue(value, out int k))
        {
            destination[k] = 1.0;
            return true;
        }
        return false;
    }
}
