using System.Globalization;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Linear;

/// <summary>
/// Squared Mahalanobis distance to the training data's location under its (regularised, optionally robust)
/// covariance: (x − μ)ᵀ Σ⁻¹ (x − μ), as scikit-learn's <c>EmpiricalCovariance.mahalanobis</c> (squared, not its root).
/// </summary>
/// <remarks>
/// <para>
/// Mahalanobis, "On the generalized distance in statistics", Proc. National Institute of Sciences of India, 1936;
/// with <see cref="MahalanobisOptions.UseMcd"/>, the robust location and covariance of Rousseeuw and Van Driessen,
/// "A fast algorithm for the minimum covariance determinant estimator", Technometrics 1999 (FastMCD, with
/// scikit-learn <c>MinCovDet</c>'s consistency correction and reweighting). PyOD has no plain Mahalanobis
/// detector; its <c>MCD</c> scores with this same squared distance.
/// </para>
/// <para>
/// Covariance: S is the population covariance (divided by n, as <c>EmpiricalCovariance</c>) or the MCD estimate;
/// shrinkage α gives (1 − α)·S + α·(tr S / d)·I as <c>ShrunkCovariance</c>; then a ridge ρ·Sⱼⱼ is added to each
/// variance [ours], ρ = 10⁻⁶ by default, so constant columns and single training rows still factorise. The ridge is
/// relative to each column's own variance (its mean variance for a constant column) so that rescaling a column
/// leaves the scores unchanged, which is why the detector needs no scaling. Σ is Cholesky-factorised through the
/// backend (with a jitter retry if rounding leaves it indefinite) and each row is scored as ‖L⁻¹(x − μ)‖².
/// </para>
/// <para>Characteristics: scale-free (affine invariant up to the ridge); deterministic (seeded with MCD); inductive.</para>
/// </remarks>
public sealed class MahalanobisDetector(MahalanobisOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "mahalanobis";

    /// <summary>A detector with every option at its default.</summary>
    public MahalanobisDetector()
        : this(new MahalanobisOptions())
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
        Summary = "Squared Mahalanobis distance under the (ridge-regularised, optionally MCD-robust) training covariance.",
        Citation = "Mahalanobis 1936; Rousseeuw & Van Driessen, Technometrics 1999 (FastMCD; scikit-learn EmpiricalCovariance/MinCovDet).",
        NeedsScaling = false,
        Deterministic = true,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("shrinkage", "double", Text(MahalanobisOptions.DefaultShrinkage), "in [0, 1]", "shrinkage towards (tr S / d)·I, as ShrunkCovariance"),
            new("ridge", "double", Text(MahalanobisOptions.DefaultRidge), "≥ 0", "added to each variance, relative to that variance"),
            new("use_mcd", "bool", "false", "", "robust location and covariance by FastMCD (then seeded, no longer deterministic)"),
            new("support_fraction", "double", Text(MahalanobisOptions.DefaultSupportFraction), "in [0, 1]",
                "share of rows in the MCD support; 0 = ⌈(n + d + 1)/2⌉ rows"),
            .. CommonParameters.All,
        ],
        Create = s => new MahalanobisDetector(s.Common(new MahalanobisOptions
        {
            Shrinkage = s.Double("shrinkage", MahalanobisOptions.DefaultShrinkage),
            Ridge = s.Double("ridge", MahalanobisOptions.DefaultRidge),
            UseMcd = s.Bool("use_mcd", MahalanobisOptions.DefaultUseMcd),
            SupportFraction = s.Double("support_fraction", MahalanobisOptions.DefaultSupportFraction),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        const string detector = nameof(MahalanobisDetector);
        OptionCheck.Common(options, detector);
        OptionCheck.InRange(options.Shrinkage, 0, 1, nameof(MahalanobisOptions.Shrinkage), detector);
        OptionCheck.AtLeast(options.Ridge, 0, nameof(MahalanobisOptions.Ridge), detector);
        if (double.IsPositiveInfinity(options.Ridge))
        {
            throw OptionCheck.Invalid(nameof(MahalanobisOptions.Ridge), detector, "finite", options.Ridge);
        }
        OptionCheck.InRange(options.SupportFraction, 0, 1, nameof(MahalanobisOptions.SupportFraction), detector);
        DetectorInput.CheckTrain(train, detector);
        var backend = ComputeBackends.Default;
        int n = train.Rows, d = train.Columns;
        var x = train.AsSpan().ToArray();

        var mean = CovarianceAlgebra.ColumnMeans(x, n, d);
        var empirical = CovarianceAlgebra.Scatter(backend, x, n, d, mean);
        Scale(empirical, 1.0 / n);
        var ridgeScales = RidgeScales(empirical, mean, n, d);

        double[] location = mean, covariance = empirical;
        if (options.UseMcd && n >= 2)
        {
            int h = options.SupportFraction > 0
                ? (int)(options.SupportFraction * n)
                : MinimumCovarianceDeterminant.DefaultSupport(n, d);
            // The search needs every candidate factorisable even when the caller asked for no ridge.
            var searchRidge = ridgeScales.Select(v => Math.Max(options.Ridge, 1e-10) * v).ToArray();
            (location, covariance) = MinimumCovarianceDeterminant.Fit(backend, x, n, d, h, searchRidge, new SeededRandom(options.Seed));
        }

        var regularised = Regularise(covariance, d, options.Shrinkage, options.Ridge, ridgeScales);
        var distance = WhitenedDistance.FromCovariance(backend, location, regularised);
        var trainingScores = RowScoring.Run(train, d, distance.Evaluate);
        return new Fitted(options, distance, trainingScores);
    }

    private static double[] Regularise(double[] covariance, int d, double shrinkage, double ridge, double[] ridgeScales)
    {
        var result = (double[])covariance.Clone();
        if (shrinkage > 0)
        {
            double meanVariance = 0;
            for (int j = 0; j < d; j++)
            {
                meanVariance += covariance[(j * d) + j] / d;
            }
            Scale(result, 1 - shrinkage);
            for (int j = 0; j < d; j++)
            {
                result[(j * d) + j] += shrinkage * meanVariance;
            }
        }
        for (int j = 0; j < d; j++)
        {
            result[(j * d) + j] += ridge * ridgeScales[j];
        }
        return result;
    }

    // Each column's variance, or the mean variance for a column whose variance is only rounding noise
    // (StandardScaler's constant-column rule), so the ridge is scale-equivariant and never zero.
    private static double[] RidgeScales(double[] covariance, double[] mean, int n, int d)
    {
        double fallback = CovarianceAlgebra.MeanVariance(covariance, d);
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double variance = covariance[(j * d) + j];
            scales[j] = CovarianceAlgebra.IsConstantColumn(variance, mean[j], n) ? fallback : variance;
        }
        return scales;
    }

    private static void Scale(double[] values, double factor)
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] *= factor;
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Fitted(MahalanobisOptions options, WhitenedDistance distance, double[] trainingScores)
        : FittedDetector(MahalanobisDetector.DetectorName, options, distance.Features, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            RowScoring.Run(rows, scores, rows.Columns, distance.Evaluate);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.Shrinkage);
            writer.Write(options.Ridge);
            writer.Write(options.UseMcd);
            writer.Write(options.SupportFraction);
            distance.Write(writer);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new MahalanobisOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                Shrinkage = reader.ReadDouble(),
                Ridge = reader.ReadDouble(),
                UseMcd = reader.ReadBoolean(),
                SupportFraction = reader.ReadDouble(),
            };
            return new Fitted(options, WhitenedDistance.Read(reader, header.Features), header.TrainingScores);
        }
    }
}
