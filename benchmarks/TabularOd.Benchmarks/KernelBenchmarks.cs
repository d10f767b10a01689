using BenchmarkDotNet.Attributes;
using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Benchmarks;

/// <summary>
/// BenchmarkDotNet view of the compute kernels, per available backend, for statistics beyond the best-of-N of
/// <c>tabod bench-kernels</c> (which stays the tool for side-by-side runs with the peers):
/// <c>dotnet run -c Release --project benchmarks/TabularOd.Benchmarks -- bdn --filter *KernelBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Rows = 4000, Features = 64, KnnRows = 10_000, KnnFeatures = 32, CholeskySize = 2000;

    private IComputeBackend backend = null!;
    private float[] x = [], y = [], distances = [], product = [];
    private double[] knnData = [], spd = [], work = [], rhs = [], solution = [];

    /// <summary>Every backend that loads here.</summary>
    public static IEnumerable<string> Backends() => ComputeBackends.Available.Select(b => b.Name);

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        backend = ComputeBackends.Get(Backend);
        var random = new SeededRandom(20260612);
        x = Uniform(random, Rows * Features).Select(v => (float)v).ToArray();
        y = Uniform(random, Rows * Features).Select(v => (float)v).ToArray();
        distances = new float[Rows * Rows];
        product = new float[Rows * Rows];
        knnData = Uniform(random, KnnRows * KnnFeatures);
        // Diagonally dominant and symmetric, hence positive definite, as in KernelCases.
        spd = new double[CholeskySize * CholeskySize];
        for (int i = 0; i < CholeskySize; i++)
        {
            spd[i * CholeskySize + i] = CholeskySize + 1;
            for (int j = 0; j < i; j++)
            {
                spd[i * CholeskySize + j] = spd[j * CholeskySize + i] = 2 * random.NextDouble() - 1;
            }
        }
        work = new double[spd.Length];
        rhs = Uniform(random, CholeskySize);
        solution = new double[CholeskySize];
    }

    [Benchmark(Description = "squared distances f32 4000×64 vs 4000×64")]
    public void SquaredDistancesF32() => backend.SquaredDistances<float>(x, Rows, y, Rows, Features, distances);

    [Benchmark(Description = "kNN f64 k=10 10000×32 self")]
    public NeighborResult<double> KNearestF64() => backend.KNearest<double>(knnData, KnnRows, KnnFeatures, 10, excludeSelf: true);

    [Benchmark(Description = "GEMM f32 4000×64 · 64×4000")]
    public void GemmF32() =>
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, Rows, Rows, Features, 1f, x, Features, y, Features, 0f, product, Rows);

    [Benchmark(Description = "Cholesky factor + solve f64 n=2000")]
    public void CholeskyF64()
    {
        spd.CopyTo(work, 0);
        rhs.CopyTo(solution, 0);
        backend.CholeskyFactor(work, CholeskySize);
        backend.CholeskySolve(work, CholeskySize, solution, 1);
    }

    private static double[] Uniform(SeededRandom random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = 2 * random.NextDouble() - 1;
        }
        return values;
    }
}
