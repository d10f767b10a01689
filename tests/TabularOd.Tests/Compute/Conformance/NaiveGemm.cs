using System.Numerics;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>The triple-loop GEMM every backend is compared with, computed in double whatever the element type.</summary>
public static class NaiveGemm
{
    /// <summary>
    /// α·op(A)·op(B) + β·C0 for row-major strided operands, and for each element the magnitude bound
    /// |α|·Σ|a·b| + |β·c0| that its rounding error is measured against. With β = 0, C0 is ignored (it may hold NaN).
    /// </summary>
    public static (double[] Expected, double[] Scale) Compute<T>(MatrixTranspose transA, MatrixTranspose transB,
        int m, int n, int k, double alpha, T[] a, int lda, T[] b, int ldb, double beta, T[] c0, int ldc)
        where T : IFloatingPointIeee754<T>
    {
        // op(A) as m×k and op(B)ᵀ as n×k, so the inner loop runs over contiguous memory of both.
        var opA = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                opA[i * k + p] = double.CreateChecked(transA == MatrixTranspose.None ? a[i * lda + p] : a[p * lda + i]);
            }
        }
        var opBt = new double[n * k];
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++)
            {
                opBt[j * k + p] = double.CreateChecked(transB == MatrixTranspose.None ? b[p * ldb + j] : b[j * ldb + p]);
            }
        }
        var expected = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = opA[i * k + p] * opBt[j * k + p];
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                double old = beta == 0 ? 0 : beta * double.CreateChecked(c0[i * ldc + j]);
                expected[i * n + j] = alpha * sum + old;
                scale[i * n + j] = Math.Abs(alpha) * magnitude + Math.Abs(old);
            }
        }
        return (expected, scale);
    }
}
