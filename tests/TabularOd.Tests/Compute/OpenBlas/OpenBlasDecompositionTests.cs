using TabularOd.Compute;

namespace TabularOd.Tests.Compute.OpenBlas;

public class OpenBlasDecompositionTests
{
    [OpenBlasFact]
    public void EigenvaluesAscendWithUnitVectorsAndThePositiveLargestComponent()
    {
        const int n = 6;
        var a = Blas.SymmetricPositiveDefinite(n, 21);
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] -= 2 * n; // indefinite, so negative eigenvalues are covered too
        }
        var values = new double[n];
        var vectors = new double[n * n];

        Blas.Backend.SymmetricEigen(a, n, values, vectors);

        Assert.Equal(values.Order(), values);
        Assert.True(values[0] < 0);
        Blas.ColumnsHavePositiveLargestComponent(vectors, n, n);
        // A·V = V·diag(λ) and VᵀV = I.
        var av = Blas.Multiply(a, n, n, vectors, n);
        var vl = new double[n * n];
        for (int i = 0; i < n * n; i++)
        {
            vl[i] = vectors[i] * values[i % n];
        }
        Blas.AllClose(vl, av, 1e-12);
        Blas.AllClose(Identity(n), Blas.Multiply(Blas.Transpose(vectors, n, n), n, n, vectors, n), 1e-12);
    }

    [OpenBlasFact]
    public void EigenReadsOnlyTheLowerTriangle()
    {
        double[] a = [2, 0, 0, 1, 3, 0, 0, 1, 4];
        double[] symmetric = [2, 1, 0, 1, 3, 1, 0, 1, 4];
        var (values, vectors) = (new double[3], new double[9]);
        var (expectedValues, expectedVectors) = (new double[3], new double[9]);
        Blas.Backend.SymmetricEigen(a, 3, values, vectors);
        Blas.Backend.SymmetricEigen(symmetric, 3, expectedValues, expectedVectors);
        Assert.Equal(expectedValues, values);
        Assert.Equal(expectedVectors, vectors);
        Assert.Equal([2, 0, 0, 1, 3, 0, 0, 1, 4], a);
    }

    [OpenBlasFact]
    public void KnownEigenvalues()
    {
        // diag(3, 1, 2) permuted: eigenvalues 1, 2, 3 with unit basis vectors.
        double[] a = [3, 0, 0, 0, 1, 0, 0, 0, 2];
        var values = new double[3];
        var vectors = new double[9];
        Blas.Backend.SymmetricEigen(a, 3, values, vectors);
        Assert.Equal([1.0, 2.0, 3.0], values);
        Assert.Equal([0.0, 0, 1, 1, 0, 0, 0, 1, 0], vectors);
    }

    [OpenBlasTheory]
    [InlineData(7, 4)]
    [InlineData(4, 7)]
    [InlineData(5, 5)]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(120, 30)]
    [InlineData(30, 120)]
    public void ThinSvdReconstructsWithDescendingValuesAndFixedSigns(int m, int n)
    {
        int r = Math.Min(m, n);
        var a = Blas.Random(m, n, 31 + m);
        var (s, u, vt) = (new double[r], new double[m * r], new double[r * n]);

        Blas.Backend.Svd(a, m, n, s, u, vt);

        Assert.Equal(s.OrderDescending(), s);
        Assert.All(s, value => Assert.True(value >= 0));
        Blas.ColumnsHavePositiveLargestComponent(u, m, r);
        var us = new double[m * r];
        for (int i = 0; i < us.Length; i++)
        {
            us[i] = u[i] * s[i % r];
        }
        Blas.AllClose(a, Blas.Multiply(us, m, r, vt, n), 1e-12);
        Blas.AllClose(Identity(r), Blas.Multiply(Blas.Transpose(u, m, r), r, m, u, r), 1e-12);
        Blas.AllClose(Identity(r), Blas.Multiply(vt, r, n, Blas.Transpose(vt, r, n), r), 1e-12);
    }

    [OpenBlasFact]
    public void SvdOfAKnownMatrix()
    {
        // [[3, 0], [0, -4]]: singular values 4, 3; U columns (0, -1)·sign and (1, 0).
        double[] a = [3, 0, 0, -4];
        var (s, u, vt) = (new double[2], new double[4], new double[4]);
        Blas.Backend.Svd(a, 2, 2, s, u, vt);
        Blas.AllClose([4, 3], s, 1e-15);
        Blas.AllClose([0, 1, 1, 0], u, 1e-15);
        Blas.AllClose([0, -1, 1, 0], vt, 1e-15);
    }

    [OpenBlasFact]
    public void NonFiniteInputIsAnArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Blas.Backend.Svd([1, double.NaN], 1, 2, new double[1], new double[1], new double[2]));
        Assert.Throws<ArgumentException>(() => Blas.Backend.SymmetricEigen([1, 0, double.PositiveInfinity, 1], 2, new double[2], new double[4]));
    }

    [OpenBlasTheory]
    [InlineData(5, 1)]
    [InlineData(5, 3)]
    [InlineData(66, 40)]
    public void LuSolvesWithOneOrManyRightHandSides(int n, int nrhs)
    {
        var a = Blas.SymmetricPositiveDefinite(n, 41);
        a[1] += 0.5; // not symmetric, so a transposed solve would be caught
        var original = (double[])a.Clone();
        var x = Blas.Random(n, nrhs, 42);
        var b = Blas.Multiply(a, n, n, x, nrhs);
        Blas.Backend.LuSolve(a, n, b, nrhs);
        Blas.AllClose(x, b, 1e-11);
        Assert.Equal(original, a);
    }

    [OpenBlasFact]
    public void LuOfASingularMatrixThrows()
    {
        double[] a = [1, 2, 3, 2, 4, 6, 1, 0, 1];
        Assert.Throws<SingularMatrixException>(() => Blas.Backend.LuSolve(a, 3, new double[3], 1));
    }

    [OpenBlasFact]
    public void EmptyShapesNeverReachNativeCode()
    {
        Blas.Backend.SymmetricEigen([], 0, [], []);
        Blas.Backend.Svd([], 0, 4, [], [], []);
        Blas.Backend.Svd([], 4, 0, [], [], []);
        Blas.Backend.LuSolve([], 0, [], 2);
    }

    [OpenBlasFact]
    public void WrongSizesAreArgumentExceptions()
    {
        var backend = Blas.Backend;
        Assert.ThrowsAny<ArgumentException>(() => backend.SymmetricEigen(new double[4], 2, new double[1], new double[4]));
        Assert.ThrowsAny<ArgumentException>(() => backend.Svd(new double[6], 2, 3, new double[2], new double[6], new double[6]));
        Assert.ThrowsAny<ArgumentException>(() => backend.Svd(new double[6], 2, 3, new double[2], new double[4], new double[5]));
        Assert.ThrowsAny<ArgumentException>(() => backend.LuSolve(new double[4], 2, new double[3], 2));
    }

    private static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }
        return identity;
    }
}
