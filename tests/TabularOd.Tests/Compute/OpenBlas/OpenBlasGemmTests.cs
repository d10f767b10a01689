using TabularOd.Compute;

namespace TabularOd.Tests.Compute.OpenBlas;

public class OpenBlasGemmTests
{
    [OpenBlasTheory]
    [InlineData(MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(MatrixTranspose.Transpose, MatrixTranspose.None)]
    [InlineData(MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(MatrixTranspose.Transpose, MatrixTranspose.Transpose)]
    public void DgemmMatchesTheSchoolbookProductWithStridesAlphaAndBeta(MatrixTranspose transA, MatrixTranspose transB)
    {
        const int m = 5, n = 4, k = 3, pad = 2;
        var a = Blas.Random(m, k, 1);
        var b = Blas.Random(k, n, 2);
        var c0 = Blas.Random(m, n, 3);
        var expected = Blas.Multiply(a, m, k, b, n);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = 2 * expected[i] + 0.5 * c0[i];
        }
        var (storedA, aColumns) = transA == MatrixTranspose.None ? (a, k) : (Blas.Transpose(a, m, k), m);
        var (storedB, bColumns) = transB == MatrixTranspose.None ? (b, n) : (Blas.Transpose(b, k, n), k);
        var paddedA = Pad(storedA, aColumns, pad);
        var paddedB = Pad(storedB, bColumns, pad);
        var paddedC = Pad(c0, n, pad);

        Blas.Backend.Gemm(transA, transB, m, n, k, 2.0, paddedA, aColumns + pad, paddedB, bColumns + pad, 0.5, paddedC, n + pad);

        Blas.AllClose(expected, Unpad(paddedC, n, pad), 1e-13);
        for (int i = 0; i < m; i++)
        {
            Assert.Equal(-7.0, paddedC[i * (n + pad) + n]);
        }
    }

    [OpenBlasFact]
    public void SgemmMatchesTheSchoolbookProduct()
    {
        const int m = 6, n = 7, k = 5;
        var a = Blas.Random(m, k, 4);
        var b = Blas.Random(n, k, 5);
        var expected = Blas.Multiply(a, m, k, Blas.Transpose(b, n, k), n);
        var c = new float[m * n];

        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, m, n, k, 1f,
            a.Select(v => (float)v).ToArray(), k, b.Select(v => (float)v).ToArray(), k, 0f, c, n);

        Blas.AllClose(expected, c.Select(v => (double)v).ToArray(), 1e-5);
    }

    [OpenBlasFact]
    public void BetaZeroOverwritesNaN()
    {
        var c = new[] { double.NaN, double.NaN, double.PositiveInfinity, double.NaN };
        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 1, 1.0, [1.0, 2.0], 1, [3.0, 4.0], 2, 0.0, c, 2);
        Assert.Equal([3.0, 4.0, 6.0, 8.0], c);
    }

    [OpenBlasFact]
    public void EmptyInnerDimensionScalesC()
    {
        var c = new[] { 1.0, double.NaN, 3.0, 4.0 };
        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 0, 1.0, [], 1, [], 2, 0.0, c, 2);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], c);

        var d = new[] { 1f, 2f, 3f, 4f };
        Blas.Backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.Transpose, 2, 2, 0, 1f, [], 2, [], 1, 2f, d, 2);
        Assert.Equal([2f, 4f, 6f, 8f], d);
    }

    [OpenBlasFact]
    public void EmptyOutputsDoNothing()
    {
        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 0, 3, 2, 1.0, [], 2, new double[6], 3, 0.0, [], 3);
        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 3, 0, 2, 1.0, new double[6], 2, [], 1, 0.0, [], 1);
    }

    [OpenBlasFact]
    public void WrongSizesAreArgumentExceptions()
    {
        var backend = Blas.Backend;
        Assert.ThrowsAny<ArgumentException>(() => backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1.0, new double[3], 2, new double[4], 2, 0.0, new double[4], 2));
        Assert.ThrowsAny<ArgumentException>(() => backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1.0, new double[4], 1, new double[4], 2, 0.0, new double[4], 2));
        Assert.ThrowsAny<ArgumentException>(() => backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1.0, new double[4], 2, new double[4], 2, 0.0, new double[3], 2));
        Assert.ThrowsAny<ArgumentException>(() => backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, -1, 2, 2, 1.0, new double[4], 2, new double[4], 2, 0.0, new double[4], 2));
    }

    [OpenBlasFact]
    public void OtherElementTypesAreNotSupported()
    {
        var c = new Half[1];
        Assert.Throws<NotSupportedException>(() => Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, 1, 1, 1, Half.One, [Half.One], 1, [Half.One], 1, Half.Zero, c, 1));
    }

    [OpenBlasFact]
    public void ConcurrentCallsGiveTheSameBitsAsOneCall()
    {
        const int n = 150;
        var a = Blas.Random(n, n, 6);
        var b = Blas.Random(n, n, 7);
        var expected = new double[n * n];
        Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, n, n, n, 1.0, a, n, b, n, 0.0, expected, n);
        var results = new double[8][];
        Parallel.For(0, results.Length, i =>
        {
            results[i] = new double[n * n];
            Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, n, n, n, 1.0, a, n, b, n, 0.0, results[i], n);
        });
        Assert.All(results, c => Assert.Equal(expected, c));
    }

    [OpenBlasFact]
    public void TheBlockGridDoesNotDependOnTheThreadCount()
    {
        // Larger than one block each way, with ragged edges, so several blocks run in parallel.
        const int m = 700, n = 2100, k = 300;
        var a = Blas.Random(m, k, 8).Select(v => (float)v).ToArray();
        var b = Blas.Random(n, k, 9).Select(v => (float)v).ToArray();
        var results = new[] { 1, 2, 5 }.Select(threads =>
        {
            var c = new float[m * n];
            Blas.Backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, m, n, k, 1f, a, k, b, k, 0f, c, n, threads);
            return c;
        }).ToArray();
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
        var expected = Blas.Multiply(a.Select(v => (double)v).ToArray(), m, k, Blas.Transpose(b.Select(v => (double)v).ToArray(), n, k), n);
        Blas.AllClose(expected, results[0].Select(v => (double)v).ToArray(), 1e-4);
    }

    private static double[] Pad(double[] matrix, int columns, int pad)
    {
        int rows = matrix.Length / columns;
        var padded = Enumerable.Repeat(-7.0, rows * (columns + pad)).ToArray();
        for (int i = 0; i < rows; i++)
        {
            Array.Copy(matrix, i * columns, padded, i * (columns + pad), columns);
        }
        return padded;
    }

    private static double[] Unpad(double[] padded, int columns, int pad)
    {
        int rows = padded.Length / (columns + pad);
        var matrix = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            Array.Copy(padded, i * (columns + pad), matrix, i * columns, columns);
        }
        return matrix;
    }
}
