using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Wrong sizes are an <see cref="ArgumentException"/> (or a subclass) before any work, for every kernel: spans
/// one element short, strides below a row, negative dimensions, and k outside 1..(candidates). Each bad call is
/// its own test case so a report names the kernel and the argument.
/// </summary>
public class ArgumentConformanceTests
{
    private const int M = 4, N = 5, K = 3, D = 3, Rows = 6, Q = 2;

    private static readonly MatrixTranspose No = MatrixTranspose.None;
    private static readonly MatrixTranspose Yes = MatrixTranspose.Transpose;

    private static double[] Zeros(int length) => new double[length];

    /// <summary>An SPD 4×4 matrix, so the factor-taking kernels get a valid factor besides the bad argument.</summary>
    private static double[] Spd4() => [4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4];

    private static readonly Dictionary<string, Action<IComputeBackend>> BadCalls = new()
    {
        ["Gemm: a one short"] = c => c.Gemm(No, No, M, N, K, 1.0, Zeros(M * K - 1), K, Zeros(K * N), N, 0.0, Zeros(M * N), N),
        ["Gemm: b one short"] = c => c.Gemm(No, No, M, N, K, 1.0, Zeros(M * K), K, Zeros(K * N - 1), N, 0.0, Zeros(M * N), N),
        ["Gemm: c one short"] = c => c.Gemm(No, No, M, N, K, 1.0, Zeros(M * K), K, Zeros(K * N), N, 0.0, Zeros(M * N - 1), N),
        ["Gemm: transposed a one short"] = c => c.Gemm(Yes, No, M, N, K, 1.0, Zeros(K * M - 1), M, Zeros(K * N), N, 0.0, Zeros(M * N), N),
        ["Gemm: lda below the stored columns"] = c => c.Gemm(No, No, M, N, K, 1.0, Zeros(M * K), K - 1, Zeros(K * N), N, 0.0, Zeros(M * N), N),
        ["Gemm: ldb below the stored columns of a transposed b"] = c => c.Gemm(No, Yes, M, N, K, 1.0, Zeros(M * K), K, Zeros(N * K), K - 1, 0.0, Zeros(M * N), N),
        ["Gemm: ldc below n"] = c => c.Gemm(No, No, M, N, K, 1.0, Zeros(M * K), K, Zeros(K * N), N, 0.0, Zeros(M * N), N - 1),
        ["Gemm: negative m"] = c => c.Gemm(No, No, -1, N, K, 1.0, Zeros(M * K), K, Zeros(K * N), N, 0.0, Zeros(M * N), N),
        ["Gemm<float>: c one short"] = c => c.Gemm(No, No, M, N, K, 1f, new float[M * K], K, new float[K * N], N, 0f, new float[M * N - 1], N),

        ["SquaredDistances(x, y): x one short"] = c => c.SquaredDistances<double>(Zeros(Rows * D - 1), Rows, Zeros(Q * D), Q, D, Zeros(Rows * Q)),
        ["SquaredDistances(x, y): y one short"] = c => c.SquaredDistances<double>(Zeros(Rows * D), Rows, Zeros(Q * D - 1), Q, D, Zeros(Rows * Q)),
        ["SquaredDistances(x, y): result one short"] = c => c.SquaredDistances<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, D, Zeros(Rows * Q - 1)),
        ["SquaredDistances(x, y): x one long"] = c => c.SquaredDistances<double>(Zeros(Rows * D + 1), Rows, Zeros(Q * D), Q, D, Zeros(Rows * Q)),
        ["SquaredDistances(x, y): result one long"] = c => c.SquaredDistances<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, D, Zeros(Rows * Q + 1)),
        ["SquaredDistances(x, y): negative d"] = c => c.SquaredDistances<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, -1, Zeros(Rows * Q)),
        ["SquaredDistances<float>(x, y): result one short"] = c => c.SquaredDistances<float>(new float[Rows * D], Rows, new float[Q * D], Q, D, new float[Rows * Q - 1]),
        ["SquaredDistances(x): x one short"] = c => c.SquaredDistances<double>(Zeros(Rows * D - 1), Rows, D, Zeros(Rows * Rows)),
        ["SquaredDistances(x): result one short"] = c => c.SquaredDistances<double>(Zeros(Rows * D), Rows, D, Zeros(Rows * Rows - 1)),
        ["SquaredDistances(x): negative n"] = c => c.SquaredDistances<double>(Zeros(Rows * D), -1, D, Zeros(Rows * Rows)),

        ["KNearest(reference, queries): reference one short"] = c => c.KNearest<double>(Zeros(Rows * D - 1), Rows, Zeros(Q * D), Q, D, 2),
        ["KNearest(reference, queries): queries one short"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, Zeros(Q * D - 1), Q, D, 2),
        ["KNearest(reference, queries): k above n"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, D, Rows + 1),
        ["KNearest(reference, queries): k zero"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, D, 0),
        ["KNearest(reference, queries): k negative"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, D, -1),
        ["KNearest(reference, queries): negative d"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, Zeros(Q * D), Q, -3, 2),
        ["KNearest<float>(reference, queries): queries one short"] = c => c.KNearest<float>(new float[Rows * D], Rows, new float[Q * D - 1], Q, D, 2),
        ["KNearest(x): x one short"] = c => c.KNearest<double>(Zeros(Rows * D - 1), Rows, D, 2, excludeSelf: false),
        ["KNearest(x): k above n"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, D, Rows + 1, excludeSelf: false),
        ["KNearest(x, excludeSelf): k equal to n"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, D, Rows, excludeSelf: true),
        ["KNearest(x): k zero"] = c => c.KNearest<double>(Zeros(Rows * D), Rows, D, 0, excludeSelf: true),

        ["CholeskyFactor: a one short"] = c => c.CholeskyFactor(Spd4().AsSpan(0, 15), 4),
        ["CholeskyFactor: negative n"] = c => c.CholeskyFactor(Spd4(), -4),
        ["CholeskySolve: factor one short"] = c => c.CholeskySolve(Spd4().AsSpan(0, 15), 4, Zeros(4 * 2), 2),
        ["CholeskySolve: b one short"] = c => c.CholeskySolve(Spd4(), 4, Zeros(4 * 2 - 1), 2),
        ["CholeskySolve: negative nrhs"] = c => c.CholeskySolve(Spd4(), 4, Zeros(4 * 2), -2),
        ["CholeskyInverse: factor one short"] = c => c.CholeskyInverse(Spd4().AsSpan(0, 15), 4, Zeros(16)),
        ["CholeskyInverse: inverse one short"] = c => c.CholeskyInverse(Spd4(), 4, Zeros(15)),

        ["SymmetricEigen: a one short"] = c => c.SymmetricEigen(Spd4().AsSpan(0, 15), 4, Zeros(4), Zeros(16)),
        ["SymmetricEigen: eigenvalues one short"] = c => c.SymmetricEigen(Spd4(), 4, Zeros(3), Zeros(16)),
        ["SymmetricEigen: eigenvectors one short"] = c => c.SymmetricEigen(Spd4(), 4, Zeros(4), Zeros(15)),

        ["Svd: a one short"] = c => c.Svd(Zeros(5 * 3 - 1), 5, 3, Zeros(3), Zeros(5 * 3), Zeros(3 * 3)),
        ["Svd: singular values one short"] = c => c.Svd(Zeros(5 * 3), 5, 3, Zeros(2), Zeros(5 * 3), Zeros(3 * 3)),
        ["Svd: u one short"] = c => c.Svd(Zeros(5 * 3), 5, 3, Zeros(3), Zeros(5 * 3 - 1), Zeros(3 * 3)),
        ["Svd: vt one short"] = c => c.Svd(Zeros(3 * 5), 3, 5, Zeros(3), Zeros(3 * 3), Zeros(3 * 5 - 1)),
        ["Svd: negative m"] = c => c.Svd(Zeros(5 * 3), -5, 3, Zeros(3), Zeros(5 * 3), Zeros(3 * 3)),

        ["LuSolve: a one short"] = c => c.LuSolve(Spd4().AsSpan(0, 15), 4, Zeros(4), 1),
        ["LuSolve: b one short"] = c => c.LuSolve(Spd4(), 4, Zeros(4 * 3 - 1), 3),
        ["LuSolve: negative n"] = c => c.LuSolve(Spd4(), -4, Zeros(4), 1),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in ComputeBackends.Available)
        {
            foreach (string name in BadCalls.Keys)
            {
                data.Add(backend.Name, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadSizesThrowArgumentException(string backend, string call)
    {
        var compute = ConformanceBackends.Get(backend);
        var e = Assert.ThrowsAny<ArgumentException>(() => BadCalls[call](compute));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
