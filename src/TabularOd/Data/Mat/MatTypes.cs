namespace TabularOd.Data;

/// <summary>MAT v5 data element types (the <c>mi*</c> codes of a data element tag).</summary>
internal enum MatDataType
{
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Single = 7,
    Double = 9,
    Int64 = 12,
    UInt64 = 13,
    Matrix = 14,
    Compressed = 15,
    Utf8 = 16,
    Utf16 = 17,
    Utf32 = 18,
}

/// <summary>MAT v5 array classes (the <c>mx*</c> codes in an array's flags).</summary>
internal enum MatClass
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
    Function = 16,
    Opaque = 17,
}

/// <summary>Names and sizes of the MAT codes, as error messages and stored-type summaries show them.</summary>
internal static class MatTypeNames
{
    /// <summary>Bytes per element of a numeric data type, or 0 for the others.</summary>
    public static int SizeOf(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 or MatDataType.Utf16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single or MatDataType.Utf32 => 4,
        MatDataType.Double or MatDataType.Int64 or MatDataType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>MATLAB's own name for a class, e.g. "double", "logical", "char".</summary>
    public static string Name(MatClass matClass, bool logical) => logical ? "logical" : matClass switch
    {
        MatClass.Cell => "cell",
        MatClass.Struct => "struct",
        MatClass.Object => "object",
        MatClass.Char => "char",
        MatClass.Sparse => "sparse",
        MatClass.Function => "function handle",
        MatClass.Opaque => "opaque object",
        _ => matClass.ToString().ToLowerInvariant(),
    };

    /// <summary>The storage name of a data type, e.g. "uint8" for <see cref="MatDataType.UInt8"/>.</summary>
    public static string Name(MatDataType type) => type.ToString().ToLowerInvariant();
}
