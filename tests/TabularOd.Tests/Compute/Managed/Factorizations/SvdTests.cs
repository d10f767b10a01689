using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>The MathNet-backed thin SVD: shapes, reconstruction, orthonormality, order and the sign convention.</summary>
public sealed class SvdTests
{
    private const double Tolerance = 1e-12;

    private static IComputeBackend Backend => ManagedBackend.Instance;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 5)]
    [InlineData(5, 1)]
    [InlineData(5, 3)]
    [InlineData(3, 5)]
    [InlineData(7, 7)]
    [InlineData(200, 6)]
    [InlineData(6, 200)]
    [InlineData(40, 33)]
    [InlineData(33, 40)]
    public void Random_ReconstructsWithOrthonormalFactors(int m, int n) =>
        AssertDecomposition(FactorizationMatrices.Random(m, n, seed: 31 * m + n), m, n);

    [Theory]
    [InlineData(30, 8)]
    [InlineData(8, 30)]
    [InlineData(12, 12)]
    public void RankDeficient_StillGivesOrthonormalFactors(int m, int n)
    {
        // Rank 2: every row a combination of the same two rows.
        double[] basis = FactorizationMatrices.Random(2, n, seed: m);
        double[] weights = FactorizationMatrices.Random(m, 2, seed: n);
        double[] a = Multiply(weights, basis, m, 2, n);
        double[] s = AssertDecomposition(a, m, n);
        for (int c = 2; c < s.Length; c++)
        {
            Assert.True(s[c] <= 1e-13 * s[0], $"Singular value {c} of a rank-2 matrix is {s[c]}.");
        }
    }

    [Fact]
    public void KnownMatrix_GivesKnownValues()
    {
        // diag(3, 2) padded with a zero row: singular values 3 and 2, U and Vᵀ the unit vectors, all positive.
        double[] s = new double[2], u = new double[6], vt = new double[4];
        Backend.Svd([0, 2, 3, 0, 0, 0], 3, 2, s, u, vt);
        Assert.Equal(3.0, s[0], 14);
        Assert.Equal(2.0, s[1], 14);
        Assert.Equal([0.0, 1.0, 1.0, 0.0, 0.0, 0.0], u.Select(v => Math.Round(v, 14)));
        Assert.Equal([1.0, 0.0, 0.0, 1.0], vt.Select(v => Math.Round(v, 14)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    public void Empty_ReturnsWithoutWork(int m, int n) =>
        Backend.Svd(new double[m * n], m, n, [], [], []);

    [Fact]
    public void NaN_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Backend.Svd([1, double.PositiveInfinity, 0, 1], 2, 2, new double[2], new double[4], new double[4]));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("must be finite", error.Message);
    }

    [Fact]
    public void WrongOutputLengths_AreRejected()
    {
        double[] a = new double[12];
        Assert.Equal("singularValues", Assert.Throws<ArgumentException>(() => Backend.Svd(a, 4, 3, new double[4], new double[12], new double[9])).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => Backend.Svd(a, 4, 3, new double[3], new double[16], new double[9])).ParamName);
        Assert.Equal("vt", Assert.Throws<ArgumentException>(() => Backend.Svd(a, 4, 3, new double[3], new double[12], new double[12])).ParamName);
    }

    private static double[] AssertDecomposition(double[] a, int m, int n)
    {
        int r = Math.Min(m, n);
        double[] s = new double[r], u = new double[m * r], vt = new double[r * n];
        Backend.Svd(a, m, n, s, u, vt);

        for (int c = 0; c < r; c++)
        {
            Assert.True(s[c] >= 0, $"Singular value {c} is negative: {s[c]}.");
            Assert.True(c == 0 || s[c - 1] >= s[c], $"Singular values not descending at {c}.");
        }
        double[] us = new double[m * r];
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < r; c++)
            {
                us[i * r + c] = u[i * r + c] * s[c];
            }
        }
        AssertClose(Multiply(us, vt, m, r, n), a, Tolerance, $"U·S·Vᵀ − A ({m}×{n})");
        AssertClose(Multiply(u, u, r, m, r, transposeA: true), Identity(r), Tolerance, $"Uᵀ·U − I ({m}×{n})");
        AssertClose(Multiply(vt, vt, r, n, r, transposeB: true), Identity(r), Tolerance, $"Vᵀ·V − I ({m}×{n})");
        SymmetricEigenTests.AssertLargestComponentsPositive(u, m, r);
        return s;
    }
}
