namespace TabularOd.Compute;

/// <summary>Whether a GEMM operand is used as stored or transposed.</summary>
public enum MatrixTranspose
{
    /// <summary>Use the matrix as stored.</summary>
    None,

    /// <summary>Use the transpose of the stored matrix.</summary>
    Transpose,
}
