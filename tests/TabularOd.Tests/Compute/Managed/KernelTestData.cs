using System.Numerics;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Managed;

/// <summary>Seeded random matrices and naive references for the GEMM, distance and neighbour kernel tests.</summary>
internal static class KernelTestData
{
    /// <summary>A rows×cols matrix stored with leading dimension ld; the padding holds <paramref name="padding"/>.</summary>
    public static T[] Matrix<T>(int rows, int cols, int ld, int seed, T padding)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[rows == 0 ? 0 : (rows - 1) * ld + cols];
        Array.Fill(values, padding);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                values[i * ld + j] = T.CreateTruncating(random.NextDouble() * 2 - 1);
            }
        }
        return values;
    }

    /// <summary>A dense rows×cols matrix of values in [−1, 1) shifted by <paramref name="offset"/>.</summary>
    public static T[] Dense<T>(int rows, int cols, int seed, double offset = 0, double scale = 1)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[rows * cols];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(offset + scale * (random.NextDouble() * 2 - 1));
        }
        return values;
    }

    /// <summary>op(M)[i, p] for a stored row-major matrix.</summary>
    public static T Op<T>(T[] stored, int ld, MatrixTranspose trans, int i, int p) =>
        trans == MatrixTranspose.None ? stored[i * ld + p] : stored[p * ld + i];

    /// <summary>
    /// α·op(A)·op(B) + β·C in double with a bound on the rounding error a length-k floating-point sum in T may
    /// make: (k + 4)·ε_T·(|α|·Σ|a·b| + |β·c|).
    /// </summary>
    public static (double Value, double Bound) Reference<T>(MatrixTranspose ta, MatrixTranspose tb, int k, T alpha,
        T[] a, int lda, T[] b, int ldb, T beta, T c, int i, int j)
        where T : IFloatingPointIeee754<T>
    {
        double sum = 0, magnitude = 0;
        for (int p = 0; p < k; p++)
        {
            double product = double.CreateTruncating(Op(a, lda, ta, i, p)) * double.CreateTruncating(Op(b, ldb, tb, p, j));
            sum += product;
            magnitude += Math.Abs(product);
        }
        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        double value = al * sum;
        double scale = Math.Abs(al) * magnitude;
        if (be != 0)
        {
            value += be * double.CreateTruncating(c);
            scale += Math.Abs(be * double.CreateTruncating(c));
        }
        double epsilon = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        return (value, (k + 4) * epsilon * scale + 1e-300);
    }

    /// <summary>Σ(x_i − y_j)² in double.</summary>
    public static double SquaredDistance<T>(T[] x, int i, T[] y, int j, int d)
        where T : IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int p = 0; p < d; p++)
        {
            double diff = double.CreateTruncating(x[i * d + p]) - double.CreateTruncating(y[j * d + p]);
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>Whether two arrays hold the same bits.</summary>
    public static bool BitIdentical<T>(T[] left, T[] right)
        where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(left.AsSpan()).SequenceEqual(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(right.AsSpan()));
}
