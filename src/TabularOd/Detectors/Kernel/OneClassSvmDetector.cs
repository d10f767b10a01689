using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Kernel;

/// <summary>
/// One-class support vector machine with an RBF kernel: the smallest-norm function that is positive on all but
/// about a ν share of the training rows; rows on its negative side are anomalous.
/// </summary>
/// <remarks>
/// Schölkopf, Platt, Shawe-Taylor, Smola and Williamson, "Estimating the support of a high-dimensional
/// distribution", Neural Computation 13(7), 2001; solved by SMO with the working-set selection of Fan, Chen and
/// Lin, JMLR 6, 2005. Semantics follow scikit-learn's <c>OneClassSVM</c> (libsvm) with <c>gamma="auto"</c>:
/// f(x) = Σ α_i K(x_i, x) − ρ is its <c>decision_function</c>, and the score is −f(x).
/// <para>
/// The training rows are put in lexicographic order before solving. SMO stops at a tolerance, so its answer
/// depends on the order it visits rows in; a canonical order makes the fitted model independent of the order
/// the rows arrive in, bit for bit. The dual optimum itself does not depend on order.
/// </para>
/// <para>Characteristics: needs scaling (Euclidean distances in the kernel); deterministic; inductive.</para>
/// </remarks>
public sealed class OneClassSvmDetector(OneClassSvmOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "ocsvm";

    /// <summary>A detector with every option at its default.</summary>
    public OneClassSvmDetector()
        : this(new OneClassSvmOptions())
    {
    }

    /// <inheritdoc />
    public string Name => DetectorName;

    /// <inheritdoc />
    public DetectorOptions Options => options;

    /// <summary>The catalog entry.</summary>
    public static DetectorDescriptor Descriptor { get; } = new()
    {
        Name = DetectorName,
        Summary = "One-class SVM (RBF kernel, libsvm SMO): score = −decision value, as scikit-learn's OneClassSVM.",
        Citation = "Schölkopf et al., Neural Computation 2001; Fan, Chen & Lin, JMLR 2005 (scikit-learn OneClassSVM / libsvm).",
        NeedsScaling = true,
        Deterministic = true,
        Inductive = true,
        StateVersion = FittedOneClassSvm.Version,
        Parameters =
        [
            new("nu", "double", "0.5", "in (0, 1]", "upper bound on the share of training outliers, lower bound on the share of support vectors"),
            new("gamma", "double", "0", "≥ 0", "RBF width in exp(−γ‖x − y‖²); 0 means from gamma_rule"),
            new("gamma_rule", "auto|scale", "auto", "", "γ = 1/d (auto) or 1/(d·Var(X)) (scale) when gamma is 0"),
            new("tol", "double", "0.001", "> 0", "stopping tolerance on the largest KKT violation (libsvm eps)"),
            new("precompute_limit", "int", OneClassSvmOptions.DefaultPrecomputeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), "≥ 0",
                "training rows up to which the whole kernel matrix is computed; beyond it kernel rows are cached"),
            new("cache_mb", "int", OneClassSvmOptions.DefaultCacheMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "≥ 1",
                "memory for cached kernel rows beyond precompute_limit, in megabytes"),
            .. CommonParameters.All,
        ],
        Create = s => new OneClassSvmDetector(s.Common(new OneClassSvmOptions
        {
            Nu = s.Double("nu", OneClassSvmOptions.DefaultNu),
            Gamma = s.Double("gamma", 0),
            Rule = s.Enum("gamma_rule", GammaRule.Auto),
            Tolerance = s.Double("tol", OneClassSvmOptions.DefaultTolerance),
            PrecomputeLimit = s.Int("precompute_limit", OneClassSvmOptions.DefaultPrecomputeLimit),
            CacheMegabytes = s.Int("cache_mb", OneClassSvmOptions.DefaultCacheMegabytes),
        })),
        Load = FittedOneClassSvm.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        const string detector = nameof(OneClassSvmDetector);
        OptionCheck.Common(options, detector);
        OptionCheck.InHalfOpen(options.Nu, 0, 1, nameof(OneClassSvmOptions.Nu), detector);
        OptionCheck.AtLeast(options.Gamma, 0, nameof(OneClassSvmOptions.Gamma), detector);
        if (!double.IsFinite(options.Gamma))
        {
            throw OptionCheck.Invalid(nameof(OneClassSvmOptions.Gamma), detector, "finite", options.Gamma);
        }
        if (!Enum.IsDefined(options.Rule))
        {
            throw OptionCheck.Invalid(nameof(OneClassSvmOptions.Rule), detector, "auto or scale", options.Rule);
        }
        if (!(options.Tolerance > 0 && double.IsFinite(options.Tolerance)))
        {
            throw OptionCheck.Invalid(nameof(OneClassSvmOptions.Tolerance), detector, "> 0", options.Tolerance);
        }
        OptionCheck.AtLeast(options.PrecomputeLimit, 0, nameof(OneClassSvmOptions.PrecomputeLimit), detector);
        OptionCheck.AtLeast(options.CacheMegabytes, 1, nameof(OneClassSvmOptions.CacheMegabytes), detector);
        DetectorInput.CheckTrain(train, detector);

        int n = train.Rows, d = train.Columns;
        double gamma = options.Gamma > 0 ? options.Gamma : RuleGamma(train, options.Rule);
        int[] order = LexicographicOrder(train);
        var sorted = train.SelectRows(order);

        var kernel = KernelRows.Create(sorted.AsSpan().ToArray(), n, d, gamma, options.PrecomputeLimit, options.CacheMegabytes);
        var solution = SmoSolver.Solve(kernel, options.Nu, options.Tolerance);

        // libsvm keeps the rows with α ≠ 0 as support vectors; the rest do not enter the decision function.
        int[] support = Enumerable.Range(0, n).Where(i => solution.Alpha[i] != 0).ToArray();
        var vectors = sorted.SelectRows(support);
        double[] alphas = support.Select(i => solution.Alpha[i]).ToArray();

        var trainingScores = new double[n];
        FittedOneClassSvm.ScoreRows(vectors, alphas, solution.Rho, gamma, train, trainingScores);
        return new FittedOneClassSvm(options, vectors, alphas, solution.Rho, gamma, solution.Iterations, trainingScores);
    }

    /// <summary>scikit-learn's γ rules: "auto" 1/d; "scale" 1/(d·X.var()), or 1 when every value is the same.</summary>
    private static double RuleGamma(DataMatrix train, GammaRule rule)
    {
        int d = train.Columns;
        if (rule == GammaRule.Auto)
        {
            return 1.0 / d;
        }
        var values = train.AsSpan();
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        double variance = 0;
        foreach (double v in values)
        {
            variance += (v - mean) * (v - mean);
        }
        variance /= values.Length;
        return variance != 0 ? 1.0 / (d * variance) : 1.0;
    }

    private static int[] LexicographicOrder(DataMatrix m)
    {
        var order = Enumerable.Range(0, m.Rows).ToArray();
        // A stable sort keeps equal rows in arrival order; equal rows are interchangeable, so the sorted matrix is the same.
        return order.OrderBy(i => i, Comparer<int>.Create((a, b) =>
        {
            var ra = m.Row(a);
            var rb = m.Row(b);
            for (int j = 0; j < ra.Length; j++)
            {
                int c = ra[j].CompareTo(rb[j]);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        })).ToArray();
    }
}

/// <summary>A fitted <see cref="OneClassSvmDetector"/>: support vectors, their multipliers α, the offset ρ and γ.</summary>
public sealed class FittedOneClassSvm : FittedDetector
{
    internal const int Version = 1;
    private const int BlockRows = 256;

    private readonly DataMatrix _supportVectors;
    private readonly double[] _alphas;

    internal FittedOneClassSvm(OneClassSvmOptions options, DataMatrix supportVectors, double[] alphas, double rho, double gamma, int iterations, double[] trainingScores)
        : base(OneClassSvmDetector.DetectorName, options, supportVectors.Columns, trainingScores)
    {
        _supportVectors = supportVectors;
        _alphas = alphas;
        Rho = rho;
        Gamma = gamma;
        Iterations = iterations;
    }

    /// <inheritdoc />
    public override int StateVersion => Version;

    /// <summary>Number of support vectors (training rows with α &gt; 0).</summary>
    public int SupportVectorCount => _alphas.Length;

    /// <summary>The multipliers α of the support vectors (libsvm scale: each in (0, 1], summing to ν·n).</summary>
    public ReadOnlySpan<double> DualCoefficients => _alphas;

    /// <summary>The offset ρ (scikit-learn's <c>offset_</c>, the negated <c>intercept_</c>).</summary>
    public double Rho { get; }

    /// <summary>The RBF width used.</summary>
    public double Gamma { get; }

    /// <summary>SMO iterations the fit took (0 for a loaded model).</summary>
    public int Iterations { get; }

    /// <summary>scikit-learn's <c>decision_function</c>: Σ α_i K(x_i, x) − ρ, negative outside the learned support.</summary>
    public double[] DecisionFunction(DataMatrix rows)
    {
        var scores = Score(rows);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = -scores[i];
        }
        return scores;
    }

    /// <inheritdoc />
    protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
        ScoreRows(_supportVectors, _alphas, Rho, Gamma, rows, scores);

    /// <summary>
    /// score = ρ − Σ α_i exp(−γ‖x_i − x‖²), in blocks of rows. Each score sums over the support vectors in one
    /// fixed order with scalar <see cref="Math.Exp(double)"/>, so it does not depend on which rows share its batch.
    /// </summary>
    internal static void ScoreRows(DataMatrix vectors, double[] alphas, double rho, double gamma, DataMatrix rows, Span<double> scores)
    {
        int m = vectors.Rows, d = vectors.Columns;
        int blocks = (rows.Rows + BlockRows - 1) / BlockRows;
        var result = new double[rows.Rows];
        // Blocks are independent and each row's sum runs in one order, so threads change nothing in the result.
        Parallel.For(0, blocks, () => new double[Math.Min(BlockRows, rows.Rows) * m], (b, _, distances) =>
        {
            int first = b * BlockRows;
            int count = Math.Min(BlockRows, rows.Rows - first);
            var block = distances.AsSpan(0, count * m);
            ComputeBackends.Default.SquaredDistances<double>(rows.AsSpan().Slice(first * d, count * d), count, vectors.AsSpan(), m, d, block);
            for (int r = 0; r < count; r++)
            {
                var row = block.Slice(r * m, m);
                double sum = 0;
                for (int s = 0; s < m; s++)
                {
                    sum += alphas[s] * Math.Exp(-gamma * row[s]);
                }
                result[first + r] = rho - sum;
            }
            return distances;
        }, _ => { });
        result.CopyTo(scores);
    }

    /// <inheritdoc />
    protected internal override void WriteState(ModelWriter writer)
    {
        var options = (OneClassSvmOptions)Options;
        writer.Write(options.Nu);
        writer.Write(options.Gamma);
        writer.Write((int)options.Rule);
        writer.Write(options.Tolerance);
        writer.Write(options.PrecomputeLimit);
        writer.Write(options.CacheMegabytes);
        writer.Write(Gamma);
        writer.Write(Rho);
        writer.Write(_alphas);
        writer.Write(_supportVectors);
    }

    internal static FittedDetector Load(ModelHeader header, ModelReader reader)
    {
        var options = new OneClassSvmOptions
        {
            Contamination = header.Contamination,
            Seed = header.Seed,
            Nu = reader.ReadDouble(),
            Gamma = reader.ReadDouble(),
            Rule = (GammaRule)reader.ReadInt32(),
            Tolerance = reader.ReadDouble(),
            PrecomputeLimit = reader.ReadInt32(),
            CacheMegabytes = reader.ReadInt32(),
        };
        double gamma = reader.ReadDouble();
        double rho = reader.ReadDouble();
        double[] alphas = reader.ReadDoubles();
        var vectors = reader.ReadMatrix();
        if (vectors.Rows != alphas.Length || !(gamma > 0) || !double.IsFinite(rho))
        {
            throw new InvalidDataException($"The saved one-class SVM is inconsistent: {vectors.Rows} support vectors, {alphas.Length} multipliers, γ = {gamma}, ρ = {rho}.");
        }
        return new FittedOneClassSvm(options, vectors, alphas, rho, gamma, 0, header.TrainingScores);
    }
}
