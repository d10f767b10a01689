namespace TabularOd.Data;

/// <summary>
/// One top-level variable of a MAT v5 file: numeric (and logical, and sparse made dense) values widened to
/// float64 in MATLAB's column-major order, or the rows of a char array, or neither when the variable is not
/// read (<see cref="NotRead"/> then says why).
/// </summary>
internal sealed record MatVariable(
    string Name,
    MatClass Class,
    bool Logical,
    int[] Dimensions,
    double[]? Values,
    string[]? Text,
    string Storage,
    string? NotRead = null)
{
    /// <summary>Number of elements (the product of the dimensions).</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (count, n) => count * n);

    /// <summary>MATLAB's class name, e.g. "double" or "logical".</summary>
    public string ClassName => MatTypeNames.Name(Class, Logical);

    /// <summary>Whether the values are integral by class (int*, uint*), as opposed to floating or logical.</summary>
    public bool IsIntegerClass => Class is >= MatClass.Int8 and <= MatClass.UInt64 && !Logical;

    /// <summary>A summary such as <c>double (148, 9), stored as uint8, compressed</c>.</summary>
    public string Describe() => $"{ClassName} ({string.Join(", ", Dimensions)}){Storage}";
}
