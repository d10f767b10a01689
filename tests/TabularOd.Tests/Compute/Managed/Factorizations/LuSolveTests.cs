using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>The MathNet-backed LU solve: residuals, pivoting, row-major right-hand sides, exact singularity.</summary>
public sealed class LuSolveTests
{
    private static IComputeBackend Backend => ManagedBackend.Instance;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(17, 1)]
    [InlineData(17, 5)]
    [InlineData(120, 7)]
    public void Random_HasSmallResidual(int n, int nrhs)
    {
        double[] a = FactorizationMatrices.Random(n, n, seed: n);
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] += 2; // keeps the random matrix comfortably away from singular
        }
        double[] b = FactorizationMatrices.Random(n, nrhs, seed: n + 1);
        double[] x = (double[])b.Clone();
        Backend.LuSolve(a, n, x, nrhs);
        AssertClose(Multiply(a, x, n, n, nrhs), b, 1e-12, $"A·X − B (n = {n}, nrhs = {nrhs})");
    }

    [Fact]
    public void ZeroLeadingEntry_NeedsAndGetsPivoting()
    {
        // Without a row swap the first pivot would be zero.
        double[] b = [1, 2, 3, 4];
        Backend.LuSolve([0, 1, 1, 0], 2, b, 2);
        Assert.Equal([3.0, 4.0, 1.0, 2.0], b);
    }

    [Fact]
    public void ZeroColumn_IsSingularAtThatColumn()
    {
        double[] a = [1, 0, 2, 3, 0, 4, 5, 0, 7];
        var error = Assert.Throws<SingularMatrixException>(() => Backend.LuSolve(a, 3, new double[3], 1));
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void DependentRow_IsSingularAtTheLastColumn()
    {
        // Row 1 is twice row 0; every elimination step is exact in binary.
        double[] a = [1, 2, 3, 2, 4, 6, 1, 1, 1];
        var error = Assert.Throws<SingularMatrixException>(() => Backend.LuSolve(a, 3, new double[6], 2));
        Assert.Equal(2, error.Column);
        Assert.Contains("3×3", error.Message);
    }

    [Fact]
    public void SingularMatrix_IsReportedEvenWithoutRightHandSides() =>
        Assert.Throws<SingularMatrixException>(() => Backend.LuSolve(new double[4], 2, [], 0));

    [Fact]
    public void Empty_ReturnsWithoutWork() => Backend.LuSolve([], 0, [], 3);

    [Fact]
    public void NaNInTheMatrix_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Backend.LuSolve([1, double.NaN, 0, 1], 2, new double[2], 1));
        Assert.Equal("a", error.ParamName);
    }

    [Fact]
    public void WrongRightHandSideLength_IsRejectedWithTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Backend.LuSolve(Identity(4), 4, new double[10], 3));
        Assert.Equal("b", error.ParamName);
        Assert.StartsWith("The 'b' parameter of LuSolve must hold exactly 12 elements (a 4×3 matrix). Got 10.", error.Message);
    }
}
