using TabularOd.Compute;

namespace TabularOd.Tests.Compute.OpenBlas;

public class OpenBlasCholeskyTests
{
    // The textbook example: A = L·Lᵀ with small integer entries, so the factor is exact.
    private static readonly double[] A = [4, 12, -16, 12, 37, -43, -16, -43, 98];
    private static readonly double[] L = [2, 0, 0, 6, 1, 0, -8, 5, 3];

    [OpenBlasFact]
    public void FactorsAKnownMatrixIntoALowerFactorWithAZeroUpperTriangle()
    {
        var a = (double[])A.Clone();
        Blas.Backend.CholeskyFactor(a, 3);
        Blas.AllClose(L, a, 1e-14);
        Assert.Equal(0.0, a[1]);
        Assert.Equal(0.0, a[2]);
        Assert.Equal(0.0, a[5]);
    }

    [OpenBlasFact]
    public void ReadsOnlyTheLowerTriangle()
    {
        double[] a = [4, 999, double.NaN, 12, 37, -1, -16, -43, 98];
        Blas.Backend.CholeskyFactor(a, 3);
        Blas.AllClose(L, a, 1e-14);
    }

    [OpenBlasTheory]
    [InlineData(7, 1)]
    [InlineData(7, 3)]
    [InlineData(70, 45)]
    [InlineData(300, 150)]
    public void SolvesWithOneOrManyRightHandSides(int n, int nrhs)
    {
        var a = Blas.SymmetricPositiveDefinite(n, 11);
        var x = Blas.Random(n, nrhs, 12);
        var b = Blas.Multiply(a, n, n, x, nrhs);
        var factor = (double[])a.Clone();
        Blas.Backend.CholeskyFactor(factor, n);

        Blas.Backend.CholeskySolve(factor, n, b, nrhs);

        Blas.AllClose(x, b, 1e-12);
    }

    [OpenBlasTheory]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(600)]
    public void BlockedFactorReconstructsTheMatrix(int n)
    {
        var a = Blas.SymmetricPositiveDefinite(n, n);
        var l = (double[])a.Clone();

        Blas.Backend.CholeskyFactor(l, n);

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                Assert.Equal(0.0, l[i * n + j]);
            }
        }
        Blas.AllClose(a, Blas.Multiply(l, n, n, Blas.Transpose(l, n, n), n), 1e-12);
    }

    [OpenBlasTheory]
    [InlineData(3)]
    [InlineData(300)]
    [InlineData(550)]
    public void AFailingPivotInAnyBlockNamesItsColumn(int column)
    {
        // The identity with a 2×2 block [[1, 2], [2, 1]] ending at the column: that column's pivot is −3.
        const int n = 600;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = 1;
        }
        a[column * n + column - 1] = 2;
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => Blas.Backend.CholeskyFactor(a, n));
        Assert.Equal(column, e.Column);
    }

    [OpenBlasFact]
    public void InverseIsFullExactlySymmetricAndInverts()
    {
        const int n = 6;
        var a = Blas.SymmetricPositiveDefinite(n, 13);
        var factor = (double[])a.Clone();
        Blas.Backend.CholeskyFactor(factor, n);
        var inverse = new double[n * n];

        Blas.Backend.CholeskyInverse(factor, n, inverse);

        Assert.Equal(Blas.Transpose(inverse, n, n), inverse);
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }
        Blas.AllClose(identity, Blas.Multiply(a, n, n, inverse, n), 1e-12);
    }

    [OpenBlasFact]
    public void NotPositiveDefiniteThrowsWithTheFailingColumn()
    {
        double[] a = [1, 2, 2, 1];
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => Blas.Backend.CholeskyFactor(a, 2));
        Assert.Equal(1, e.Column);
        Assert.Throws<MatrixNotPositiveDefiniteException>(() => Blas.Backend.CholeskyFactor(new double[] { -1 }, 1));
    }

    [OpenBlasFact]
    public void NaNOnTheDiagonalIsNotPositiveDefinite()
    {
        double[] a = [4, 0, 0, 0, double.NaN, 0, 0, 0, 9];
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => Blas.Backend.CholeskyFactor(a, 3));
        Assert.Equal(1, e.Column);
    }

    [OpenBlasFact]
    public void InverseOfASingularFactorThrows()
    {
        double[] factor = [1, 0, 5, 0];
        Assert.Throws<MatrixNotPositiveDefiniteException>(() => Blas.Backend.CholeskyInverse(factor, 2, new double[4]));
    }

    [OpenBlasFact]
    public void EmptyMatricesNeverReachNativeCode()
    {
        Blas.Backend.CholeskyFactor([], 0);
        Blas.Backend.CholeskySolve([], 0, [], 3);
        Blas.Backend.CholeskySolve([1.0], 1, [], 0);
        Blas.Backend.CholeskyInverse([], 0, []);
    }

    [OpenBlasFact]
    public void WrongSizesAreArgumentExceptions()
    {
        var backend = Blas.Backend;
        Assert.ThrowsAny<ArgumentException>(() => backend.CholeskyFactor(new double[8], 3));
        Assert.ThrowsAny<ArgumentException>(() => backend.CholeskyFactor(new double[4], -2));
        Assert.ThrowsAny<ArgumentException>(() => backend.CholeskySolve(L, 3, new double[5], 2));
        Assert.ThrowsAny<ArgumentException>(() => backend.CholeskyInverse(L, 3, new double[8]));
    }
}
