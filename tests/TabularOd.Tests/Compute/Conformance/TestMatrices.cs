using System.Numerics;
using TabularOd.Sampling;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Seeded inputs for the conformance tests: uniform, integer-valued, orthonormal and SPD matrices.</summary>
public static class TestMatrices
{
    /// <summary>A generator whose sequence depends only on the seed and the case's numbers.</summary>
    public static SeededRandom Random(params int[] parts)
    {
        long seed = 17;
        foreach (int part in parts)
        {
            seed = unchecked(seed * 1_000_003 + part);
        }
        return new SeededRandom(seed);
    }

    /// <summary><paramref name="count"/> values uniform in [offset − 1, offset + 1), rounded to <typeparamref name="T"/>.</summary>
    public static T[] Uniform<T>(SeededRandom random, int count, double offset = 0)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(offset + 2 * random.NextDouble() - 1);
        }
        return values;
    }

    /// <summary><paramref name="count"/> integers in [0, <paramref name="bound"/>): squared distances between them are exact, so ties are exact.</summary>
    public static T[] Integers<T>(SeededRandom random, int count, int bound)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(random.NextInt(bound));
        }
        return values;
    }

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static T[] Filled<T>(int count, T value)
    {
        var values = new T[count];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>Widens to double for the references.</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }
        return result;
    }

    /// <summary>
    /// A rows×cols matrix (cols ≤ rows) with orthonormal columns. Small ones come from Gram–Schmidt applied twice
    /// to uniform columns (dense and generic); large ones are the first columns of a product of a few random
    /// Householder reflections, which is orthogonal to rounding at O(rows·cols) cost instead of O(rows·cols²),
    /// so building inputs does not dominate a test run.
    /// </summary>
    public static double[] OrthonormalColumns(SeededRandom random, int rows, int cols) =>
        rows <= 100 ? GramSchmidt(random, rows, cols) : Reflections(random, rows, cols, 8);

    private static double[] GramSchmidt(SeededRandom random, int rows, int cols)
    {
        var q = Uniform<double>(random, rows * cols);
        for (int j = 0; j < cols; j++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < rows; i++)
                    {
                        dot += q[i * cols + p] * q[i * cols + j];
                    }
                    for (int i = 0; i < rows; i++)
                    {
                        q[i * cols + j] -= dot * q[i * cols + p];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < rows; i++)
            {
                norm += q[i * cols + j] * q[i * cols + j];
            }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < rows; i++)
            {
                q[i * cols + j] /= norm;
            }
        }
        return q;
    }

    private static double[] Reflections(SeededRandom random, int rows, int cols, int count)
    {
        // Start from a random column permutation of the identity, so Q is not close to I itself.
        var order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle<int>(order);
        var q = new double[rows * cols];
        for (int j = 0; j < cols; j++)
        {
            q[order[j] * cols + j] = 1;
        }
        var v = new double[rows];
        var w = new double[cols];
        for (int r = 0; r < count; r++)
        {
            double norm = 0;
            for (int i = 0; i < rows; i++)
            {
                v[i] = 2 * random.NextDouble() - 1;
                norm += v[i] * v[i];
            }
            // Q ← (I − 2vvᵀ/vᵀv)·Q, one rank-one update.
            Array.Clear(w);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    w[j] += v[i] * q[i * cols + j];
                }
            }
            for (int i = 0; i < rows; i++)
            {
                double factor = 2 * v[i] / norm;
                for (int j = 0; j < cols; j++)
                {
                    q[i * cols + j] -= factor * w[j];
                }
            }
        }
        return q;
    }

    /// <summary>M·Mᵀ + n·I for uniform M: symmetric positive definite with condition number below about 3.</summary>
    public static double[] Spd(SeededRandom random, int n)
    {
        var m = Uniform<double>(random, n * n);
        var a = Dense.Multiply(m, n, n, Dense.Transpose(m, n, n), n);
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] += n;
        }
        Dense.Symmetrize(a, n);
        return a;
    }

    /// <summary>Q·diag(λ)·Qᵀ for orthonormal Q (n×n), made exactly symmetric.</summary>
    public static double[] WithSpectrum(double[] q, double[] eigenvalues, int n)
    {
        var scaled = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                scaled[i * n + j] = q[i * n + j] * eigenvalues[j];
            }
        }
        var a = Dense.Multiply(scaled, n, n, Dense.Transpose(q, n, n), n);
        Dense.Symmetrize(a, n);
        return a;
    }
}
