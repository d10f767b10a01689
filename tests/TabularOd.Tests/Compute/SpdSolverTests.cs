using TabularOd.Compute;
using TabularOd.Tests.Compute.Managed.Factorizations;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute;

/// <summary>The jitter retry around the backends' Cholesky kernels.</summary>
public sealed class SpdSolverTests
{
    public static TheoryData<string> Backends() => FactorizationBackends.Names();

    [Theory]
    [MemberData(nameof(Backends))]
    public void PositiveDefinite_SolvesWithoutJitter(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        const int n = 40, nrhs = 3;
        double[] a = Spd(n, seed: 1);
        double[] original = (double[])a.Clone();
        double[] b = FactorizationMatrices.Random(n, nrhs, seed: 2);
        double[] x = (double[])b.Clone();

        double jitter = SpdSolver.Solve(backend, a, n, x, nrhs);

        Assert.Equal(0.0, jitter);
        Assert.Equal(original, a);
        AssertClose(Multiply(a, x, n, n, nrhs), b, 1e-12, "A·X − B");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void WeightingVectorReference_OneDimensional(string backendName)
    {
        // SPEC §5: points {0, 1, 2}, t = 1, Z w = 1 gives w = (0.731059, 0.462117, 0.731059), Σw = 1 + 2·tanh(1/2).
        double[] z = LaplacianKernel([[0], [1], [2]], t: 1);
        double[] w = [1, 1, 1];
        double jitter = SpdSolver.Solve(FactorizationBackends.Get(backendName), z, 3, w, 1);
        Assert.Equal(0.0, jitter);
        Assert.Equal(0.731059, w[0], 6);
        Assert.Equal(0.462117, w[1], 6);
        Assert.Equal(0.731059, w[2], 6);
        Assert.Equal(1 + 2 * Math.Tanh(0.5), w.Sum(), 12);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void WeightingVectorReference_TwoDimensional(string backendName)
    {
        // SPEC §5, t = 0.5: w = (0.420996, 0.371910, 0.371910, 0.228767, −0.113539, 0.790688), Σw = 2.070732.
        double[][] points = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5], [3, 3]];
        double[] z = LaplacianKernel(points, t: 0.5);
        double[] w = Enumerable.Repeat(1.0, 6).ToArray();
        Assert.Equal(0.0, SpdSolver.Solve(FactorizationBackends.Get(backendName), z, 6, w, 1));
        double[] expected = [0.420996, 0.371910, 0.371910, 0.228767, -0.113539, 0.790688];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], w[i], 6);
        }
        Assert.Equal(2.070732, w.Sum(), 6);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SingularGramMatrix_RetriesWithTheFirstJitter(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        double[] a = DuplicateRowGram(out int n);
        double[] original = (double[])a.Clone();
        double[] b = FactorizationMatrices.Random(n, 2, seed: 3);
        double[] x = (double[])b.Clone();

        double jitter = SpdSolver.Solve(backend, a, n, x, 2);

        Assert.Equal(SpdSolverOptions.DefaultInitialJitter, jitter);
        Assert.Equal(original, a);
        AssertClose(Multiply(PlusJitter(a, n, 0.01), x, n, n, 2), b, 1e-12, "(A + 0.01·I)·X − B");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SingularGramMatrix_InverseRetriesWithTheFirstJitter(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        double[] a = DuplicateRowGram(out int n);
        double[] inverse = new double[n * n];

        double jitter = SpdSolver.Inverse(backend, a, n, inverse);

        Assert.Equal(0.01, jitter);
        AssertClose(Multiply(PlusJitter(a, n, 0.01), inverse, n, n, n), Identity(n), 1e-12, "(A + 0.01·I)·A⁻¹ − I");
    }

    [Fact]
    public void SingularGramMatrix_FactorReturnsTheJitteredFactor()
    {
        var backend = FactorizationBackends.Get("triple-loop");
        double[] a = DuplicateRowGram(out int n);
        double[] factor = new double[n * n];
        Assert.Equal(0.01, SpdSolver.Factor(backend, a, n, factor));
        AssertClose(Multiply(factor, factor, n, n, n, transposeB: true), PlusJitter(a, n, 0.01), 1e-14, "L·Lᵀ − (A + 0.01·I)");
    }

    [Fact]
    public void SlightlyIndefinite_GrowsTheJitterUntilItHelps()
    {
        // Eigenvalues 1 and −0.05: 0.01·I is not enough, 0.1·I is.
        double[] a = RotatedDiagonal(1, -0.05);
        double[] b = [1, 2];
        double jitter = SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, 2, b, 1);
        Assert.Equal(0.1, jitter, 15);
        AssertClose(Multiply(PlusJitter(a, 2, 0.1), b, 2, 2, 1), [1, 2], 1e-12, "(A + 0.1·I)·x − b");
    }

    [Fact]
    public void StronglyIndefinite_FailsNamingTheLargestJitter()
    {
        double[] a = RotatedDiagonal(1, -5);
        var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() =>
            SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, 2, new double[2], 1));
        Assert.Equal(1.0, error.LargestJitter, 12);
        Assert.Contains("even with 1·I added (the largest jitter tried)", error.Message);
        Assert.IsType<MatrixNotPositiveDefiniteException>(error.InnerException);
    }

    [Fact]
    public void CustomSchedule_IsFollowed()
    {
        double[] a = RotatedDiagonal(1, -5);
        var options = new SpdSolverOptions { InitialJitter = 1, JitterGrowth = 4, MaxRetries = 2 };
        var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() =>
            SpdSolver.Inverse(FactorizationBackends.Get("triple-loop"), a, 2, new double[4], options));
        Assert.Equal(4.0, error.LargestJitter, 12);

        double[] b = [1, 1];
        Assert.Equal(16.0, SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, 2, b, 1, options with { MaxRetries = 3 }), 12);
    }

    [Fact]
    public void NoRetries_ThrowsThePlainFailure()
    {
        double[] a = DuplicateRowGram(out int n);
        var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() =>
            SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, n, new double[n], 1, new SpdSolverOptions { MaxRetries = 0 }));
        Assert.Equal(0.0, error.LargestJitter);
        Assert.Equal(2, error.Column);
    }

    [Fact]
    public void UpperTriangle_IsNeverRead()
    {
        double[] a = [4, double.NaN, 2, 3];
        double[] b = [4, 5];
        Assert.Equal(0.0, SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, 2, b, 1));
        AssertClose(b, [0.25, 1.5], 1e-15, "x");
    }

    [Fact]
    public void NonFiniteLowerTriangle_IsRejectedUpFront()
    {
        double[] a = [1, 0, double.PositiveInfinity, 1];
        var error = Assert.Throws<ArgumentException>(() => SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), a, 2, new double[2], 1));
        Assert.Equal("a", error.ParamName);
        Assert.StartsWith("The 'a' parameter of SpdSolver.Solve must be finite. Got Infinity at row 1, column 0.", error.Message);
    }

    [Theory]
    [InlineData(0.0, 10.0, 3, "InitialJitter")]
    [InlineData(double.NaN, 10.0, 3, "InitialJitter")]
    [InlineData(0.01, 0.5, 3, "JitterGrowth")]
    [InlineData(0.01, double.PositiveInfinity, 3, "JitterGrowth")]
    [InlineData(0.01, 10.0, -1, "MaxRetries")]
    public void BadOptions_AreRejected(double initial, double growth, int retries, string parameter)
    {
        var options = new SpdSolverOptions { InitialJitter = initial, JitterGrowth = growth, MaxRetries = retries };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SpdSolver.Solve(FactorizationBackends.Get("triple-loop"), Identity(2), 2, new double[2], 1, options));
        Assert.StartsWith($"The '{parameter}' parameter of SpdSolver.Solve must be", error.Message);
    }

    [Fact]
    public void WrongLengths_AreRejected()
    {
        var backend = FactorizationBackends.Get("triple-loop");
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => SpdSolver.Solve(backend, Identity(4), 4, new double[10], 3)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => SpdSolver.Inverse(backend, new double[3], 2, new double[4])).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => SpdSolver.Factor(backend, Identity(2), 2, new double[3])).ParamName);
    }

    [Fact]
    public void Empty_ReturnsNoJitter()
    {
        var backend = FactorizationBackends.Get("triple-loop");
        Assert.Equal(0.0, SpdSolver.Solve(backend, [], 0, [], 4));
        Assert.Equal(0.0, SpdSolver.Inverse(backend, [], 0, []));
    }

    // Gram matrix of rows (2,0,0), (0,3,0), (2,0,0), (0,0,1), (0,3,0): rows 2 and 4 repeat rows 0 and 1, and
    // every step of the factorisation is exact, so the pivot of column 2 is exactly zero.
    private static double[] DuplicateRowGram(out int n)
    {
        double[][] x = [[2, 0, 0], [0, 3, 0], [2, 0, 0], [0, 0, 1], [0, 3, 0]];
        n = x.Length;
        var gram = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                gram[i * n + j] = x[i].Zip(x[j], (p, q) => p * q).Sum();
            }
        }
        return gram;
    }

    private static double[] PlusJitter(double[] a, int n, double jitter)
    {
        double[] result = (double[])a.Clone();
        for (int i = 0; i < n; i++)
        {
            result[i * n + i] += jitter;
        }
        return result;
    }

    // R·diag(λ1, λ2)·Rᵀ for a 30° rotation R: symmetric with the given eigenvalues and no zero entries.
    private static double[] RotatedDiagonal(double lambda1, double lambda2)
    {
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        return
        [
            c * c * lambda1 + s * s * lambda2, c * s * (lambda1 - lambda2),
            c * s * (lambda1 - lambda2), s * s * lambda1 + c * c * lambda2,
        ];
    }

    private static double[] LaplacianKernel(double[][] points, double t)
    {
        int n = points.Length;
        var z = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double distance = Math.Sqrt(points[i].Zip(points[j], (p, q) => (p - q) * (p - q)).Sum());
                z[i * n + j] = Math.Exp(-t * distance);
            }
        }
        return z;
    }
}
