using TabularOd.Compute.OpenBlas;

namespace TabularOd.Tests.Compute.OpenBlas;

/// <summary>The loaded backend and small dense helpers the OpenBLAS tests share.</summary>
internal static class Blas
{
    public static OpenBlasBackend Backend =>
        OpenBlasBackend.TryLoad(out var backend, out string status) ? backend : throw new InvalidOperationException(status);

    public static double[] Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * 2 - 1;
        }
        return values;
    }

    /// <summary>A well-conditioned symmetric positive-definite n×n matrix: M·Mᵀ + n·I.</summary>
    public static double[] SymmetricPositiveDefinite(int n, int seed)
    {
        var m = Random(n, n, seed);
        var a = Multiply(m, n, n, Transpose(m, n, n), n);
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] += n;
        }
        return a;
    }

    /// <summary>Row-major (rows×inner)·(inner×columns) the schoolbook way.</summary>
    public static double[] Multiply(double[] a, int rows, int inner, double[] b, int columns)
    {
        var c = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int p = 0; p < inner; p++)
                {
                    sum += a[i * inner + p] * b[p * columns + j];
                }
                c[i * columns + j] = sum;
            }
        }
        return c;
    }

    public static double[] Transpose(double[] a, int rows, int columns)
    {
        var t = new double[a.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                t[j * rows + i] = a[i * columns + j];
            }
        }
        return t;
    }

    public static void AllClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    /// <summary>Asserts that the largest-magnitude entry of every column (first on a tie) is positive.</summary>
    public static void ColumnsHavePositiveLargestComponent(double[] matrix, int rows, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            double best = -1, value = 0;
            for (int i = 0; i < rows; i++)
            {
                if (Math.Abs(matrix[i * columns + j]) > best)
                {
                    best = Math.Abs(matrix[i * columns + j]);
                    value = matrix[i * columns + j];
                }
            }
            Assert.True(value > 0, $"column {j}: largest component {value} is not positive");
        }
    }
}
