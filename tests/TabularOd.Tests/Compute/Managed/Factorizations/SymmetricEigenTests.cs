using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>The MathNet-backed eigen-decomposition under the interface's conventions: order, storage, signs.</summary>
public sealed class SymmetricEigenTests
{
    private const double Tolerance = 1e-12;

    private static IComputeBackend Backend => ManagedBackend.Instance;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(64)]
    public void RandomSymmetric_ReconstructsWithOrthonormalVectors(int n)
    {
        double[] a = RandomSymmetric(n, seed: n);
        var (values, vectors) = Decompose(a, n);

        for (int c = 1; c < n; c++)
        {
            Assert.True(values[c - 1] <= values[c], $"Eigenvalues not ascending at {c}: {values[c - 1]} > {values[c]}.");
        }
        double[] scaled = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < n; c++)
            {
                scaled[i * n + c] = vectors[i * n + c] * values[c];
            }
        }
        AssertClose(Multiply(scaled, vectors, n, n, n, transposeB: true), a, Tolerance, "V·Λ·Vᵀ − A");
        AssertClose(Multiply(vectors, vectors, n, n, n, transposeA: true), Identity(n), Tolerance, "Vᵀ·V − I");
        AssertLargestComponentsPositive(vectors, n, n);
    }

    [Fact]
    public void KnownMatrix_GivesKnownEigenpairs()
    {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3 with vectors (1, −1)/√2 and (1, 1)/√2 up to sign.
        var (values, vectors) = Decompose([2, 1, 1, 2], 2);
        Assert.Equal(1.0, values[0], 14);
        Assert.Equal(3.0, values[1], 14);
        double h = Math.Sqrt(0.5);
        Assert.Equal(h, Math.Abs(vectors[0]), 14);
        Assert.Equal(-Math.Sign(vectors[0]), Math.Sign(vectors[2]));
        Assert.Equal(h, vectors[1], 14);
        Assert.Equal(h, vectors[3], 14);
    }

    [Fact]
    public void DiagonalMatrix_GivesSortedValuesAndUnitVectors()
    {
        double[] a = [3, 0, 0, 0, -1, 0, 0, 0, 2];
        var (values, vectors) = Decompose(a, 3);
        Assert.Equal([-1.0, 2.0, 3.0], values);
        // Column 0 is e_1, column 1 is e_2, column 2 is e_0, each with its one component positive.
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0], vectors.Select(Math.Abs));
        Assert.Equal(1.0, vectors[1 * 3 + 0]);
        Assert.Equal(1.0, vectors[2 * 3 + 1]);
        Assert.Equal(1.0, vectors[0 * 3 + 2]);
    }

    [Fact]
    public void UpperTriangle_IsNeverRead()
    {
        const int n = 9;
        double[] a = RandomSymmetric(n, seed: 4);
        double[] dirty = (double[])a.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                dirty[i * n + j] = double.NaN;
            }
        }
        var expected = Decompose(a, n);
        var actual = Decompose(dirty, n);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Vectors, actual.Vectors);
    }

    [Fact]
    public void Empty_ReturnsWithoutWork() => Backend.SymmetricEigen([], 0, [], []);

    [Fact]
    public void NaN_IsRejected()
    {
        double[] a = [1, 0, double.NaN, 1];
        var error = Assert.Throws<ArgumentException>(() => Backend.SymmetricEigen(a, 2, new double[2], new double[4]));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("must be finite", error.Message);
    }

    [Fact]
    public void WrongOutputLengths_AreRejected()
    {
        var values = Assert.Throws<ArgumentException>(() => Backend.SymmetricEigen(Identity(3), 3, new double[2], new double[9]));
        Assert.Equal("eigenvalues", values.ParamName);
        var vectors = Assert.Throws<ArgumentException>(() => Backend.SymmetricEigen(Identity(3), 3, new double[3], new double[6]));
        Assert.Equal("eigenvectors", vectors.ParamName);
    }

    internal static void AssertLargestComponentsPositive(double[] matrix, int rows, int columns)
    {
        for (int c = 0; c < columns; c++)
        {
            int largest = 0;
            for (int i = 1; i < rows; i++)
            {
                if (Math.Abs(matrix[i * columns + c]) > Math.Abs(matrix[largest * columns + c]))
                {
                    largest = i;
                }
            }
            Assert.True(matrix[largest * columns + c] > 0,
                $"Column {c}: its largest-magnitude component (row {largest}) is {matrix[largest * columns + c]}, not positive.");
        }
    }

    private static (double[] Values, double[] Vectors) Decompose(double[] a, int n)
    {
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        Backend.SymmetricEigen(a, n, values, vectors);
        return (values, vectors);
    }

    private static double[] RandomSymmetric(int n, int seed)
    {
        double[] a = FactorizationMatrices.Random(n, n, seed);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[j * n + i] = a[i * n + j];
            }
        }
        return a;
    }
}
