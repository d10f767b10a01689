namespace TabularOd.Neural;

/// <summary>The size checks the layers, losses and network share, worded once.</summary>
internal static class NetworkArguments
{
    /// <summary>A batch span must hold exactly <paramref name="rows"/> × <paramref name="width"/> values.</summary>
    public static void CheckBatch(ReadOnlySpan<double> values, int rows, int width, string name)
    {
        if (rows < 0 || values.Length != (long)rows * width)
        {
            throw new ArgumentException($"'{name}' must hold {rows} rows × {width} values = {(long)rows * width}. Got {values.Length}.", name);
        }
    }
}
