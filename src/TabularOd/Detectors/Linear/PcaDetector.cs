using System.Globalization;
using System.Numerics.Tensors;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Linear;

/// <summary>
/// Principal-component outlier score: a row that sits far out along the directions in which the training data
/// hardly varies is anomalous.
/// </summary>
/// <remarks>
/// <para>
/// Shyu, Chen, Sarinnapakorn and Chang, "A novel anomaly detection scheme based on principal component
/// classifier", ICDM Foundation and New Direction of Data Mining workshop, 2003; options and defaults as PyOD's
/// <c>PCA</c> (standardisation inside the detector, every component selected, weighted).
/// </para>
/// <para>
/// Fitting: columns are standardised (training mean, population standard deviation, scale 1 for a constant
/// column, as scikit-learn's <c>StandardScaler</c>); z̄ is the mean of the standardised rows; the covariance
/// Σ = Σᵢ (zᵢ − z̄)(zᵢ − z̄)ᵀ / (n − 1) is decomposed by the backend's symmetric eigen-solver into eigenvalues
/// λ₁ ≤ … ≤ λ_d (scikit-learn's <c>explained_variance_</c>) and unit eigenvectors vⱼ. The selected components are
/// the k smallest (PyOD's <c>components_[-k:]</c>).
/// </para>
/// <para>
/// Scoring (<see cref="PcaScoring.Projection"/>, the default): score(x) = Σⱼ₌₁..ₖ ((z − z̄)·vⱼ)² / λⱼ with
/// z = (x − mean)/scale. With every component selected this is the squared Mahalanobis distance of z.
/// PyOD's own <c>decision_function</c> is different: it sums <c>cdist(z, vⱼ) / explained_variance_ratio_ⱼ</c>,
/// the distance from z to each eigenvector taken as a point, which depends on the eigenvectors' signs; it is
/// available as <see cref="PcaScoring.PyodDistance"/>.
/// </para>
/// <para>
/// Regularisation [ours]: eigenvalues below 10⁻¹² of the largest (the eigen-solver's rounding level; 10⁻¹² itself
/// when every variance is zero) are raised to that floor, so a constant column, collinear columns, fewer rows than
/// columns or a single training row give large but finite scores instead of PyOD's division by zero; a row that
/// leaves such a direction scores very high. Where scikit-learn keeps min(n, d) components, every one of the d
/// eigenvectors is kept (they coincide when n &gt; d).
/// </para>
/// <para>
/// Accuracy: the eigenvalues come from the d×d covariance (as scikit-learn 1.5's <c>covariance_eigh</c> solver),
/// not from an SVD of the n×d data, which keeps memory at O(d²); a small eigenvalue then carries a relative error
/// of about ε·λ_max/λ, negligible after standardisation but noticeable without it on columns whose scales differ
/// by many orders of magnitude.
/// </para>
/// <para>Characteristics: scale-free (standardises internally); deterministic; inductive.</para>
/// </remarks>
public sealed class PcaDetector(PcaOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "pca";

    private const double EigenvalueFloor = 1e-12;

    /// <summary>A detector with every option at its default.</summary>
    public PcaDetector()
        : this(new PcaOptions())
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
        Summary = "Weighted squared coordinates on the minor principal components of the standardised data.",
        Citation = "Shyu et al., ICDM workshop 2003 (PyOD PCA defaults: standardised, all components, weighted).",
        NeedsScaling = false,
        Deterministic = true,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("selected_components", "int", PcaOptions.DefaultSelectedComponents.ToString(CultureInfo.InvariantCulture), "≥ 0",
                "how many smallest-variance components score a row; 0 = all (capped at the feature count)"),
            new("weighted", "bool", "true", "", "weight each component by its inverse variance"),
            new("standardize", "bool", "true", "", "standardise columns (training mean and standard deviation) first"),
            new("scoring", "projection|pyoddistance", "projection", "",
                "Σ y²/λ on the components (Shyu), or PyOD's Σ distance-to-eigenvector / explained-variance ratio"),
            .. CommonParameters.All,
        ],
        Create = s => new PcaDetector(s.Common(new PcaOptions
        {
            SelectedComponents = s.Int("selected_components", PcaOptions.DefaultSelectedComponents),
            Weighted = s.Bool("weighted", PcaOptions.DefaultWeighted),
            Standardize = s.Bool("standardize", PcaOptions.DefaultStandardize),
            Scoring = s.Enum("scoring", PcaOptions.DefaultScoring),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(PcaDetector));
        OptionCheck.AtLeast(options.SelectedComponents, 0, nameof(PcaOptions.SelectedComponents), nameof(PcaDetector));
        if (!Enum.IsDefined(options.Scoring))
        {
            throw OptionCheck.Invalid(nameof(PcaOptions.Scoring), nameof(PcaDetector), "a defined scoring rule", options.Scoring);
        }
        DetectorInput.CheckTrain(train, nameof(PcaDetector));
        var backend = ComputeBackends.Default;
        int n = train.Rows, d = train.Columns;
        var x = train.AsSpan();

        double[] mean = options.Standardize ? CovarianceAlgebra.ColumnMeans(x, n, d) : new double[d];
        double[] scale = options.Standardize ? CovarianceAlgebra.ColumnScales(x, n, d, mean) : Ones(d);
        var z = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            var row = z.AsSpan(i * d, d);
            TensorPrimitives.Subtract(x.Slice(i * d, d), mean, row);
            TensorPrimitives.Divide(row, scale, row);
        }
        double[] zMean = CovarianceAlgebra.ColumnMeans(z, n, d);
        var covariance = CovarianceAlgebra.Scatter(backend, z, n, d, zMean);
        // scikit-learn's explained_variance_ divides by n − 1; a single row has no spread to divide.
        TensorPrimitives.Divide(covariance, Math.Max(n - 1, 1), covariance);

        var eigenvalues = new double[d];
        var eigenvectors = new double[d * d];
        backend.SymmetricEigen(covariance, d, eigenvalues, eigenvectors);
        // Below 10⁻¹² of the largest eigenvalue a variance is rounding noise of the eigen-solver (≈ d·ε·λ_max), not a
        // direction the data keeps: raise it to that level so it divides finitely.
        double largest = eigenvalues[d - 1] > 0 ? eigenvalues[d - 1] : 1.0;
        double floor = EigenvalueFloor * largest;
        for (int j = 0; j < d; j++)
        {
            eigenvalues[j] = Math.Max(eigenvalues[j], floor);
        }

        int k = options.SelectedComponents == 0 ? d : Math.Min(options.SelectedComponents, d);
        // Ascending eigenvalues: the first k columns are the k minor components.
        var components = new double[k * d];
        for (int r = 0; r < k; r++)
        {
            for (int j = 0; j < d; j++)
            {
                components[(r * d) + j] = eigenvectors[(j * d) + r];
            }
        }
        var divisors = new double[k];
        double totalVariance = TensorPrimitives.Sum<double>(eigenvalues);
        for (int r = 0; r < k; r++)
        {
            divisors[r] = !options.Weighted ? 1.0
                : options.Scoring == PcaScoring.Projection ? eigenvalues[r]
                : eigenvalues[r] / totalVariance;
        }
        if (options.Scoring == PcaScoring.PyodDistance)
        {
            FlipSignsLikeScikitLearn(backend, z, n, d, zMean, components, k);
        }

        var model = new Model(options.Scoring, mean, scale, zMean, components, divisors);
        var trainingScores = RowScoring.Run(train, d, model.Score);
        return new Fitted(options, model, trainingScores);
    }

    // scikit-learn 1.2 fixes PCA signs with svd_flip(U, Vt): within each column of U = (Z − z̄)V/s, the entry of
    // largest magnitude (the first, on ties) is made positive. Only PyOD's distance rule can see the sign.
    private static void FlipSignsLikeScikitLearn(IComputeBackend backend, double[] z, int n, int d, double[] zMean, double[] components, int k)
    {
        var centred = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(z.AsSpan(i * d, d), zMean, centred.AsSpan(i * d, d));
        }
        var coordinates = new double[n * k];
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, n, k, d, 1.0, centred, d, components, d, 0.0, coordinates, k);
        for (int r = 0; r < k; r++)
        {
            double largest = -1, sign = 1;
            for (int i = 0; i < n; i++)
            {
                double value = coordinates[(i * k) + r];
                if (Math.Abs(value) > largest)
                {
                    largest = Math.Abs(value);
                    sign = value < 0 ? -1 : 1;
                }
            }
            TensorPrimitives.Multiply(components.AsSpan(r * d, d), sign, components.AsSpan(r * d, d));
        }
    }

    private static double[] Ones(int d)
    {
        var ones = new double[d];
        ones.AsSpan().Fill(1.0);
        return ones;
    }

    /// <summary>What scoring needs: the standardiser, the selected components and their divisors.</summary>
    private sealed class Model(PcaScoring scoring, double[] mean, double[] scale, double[] zMean, double[] components, double[] divisors)
    {
        public int Features => mean.Length;

        public double Score(ReadOnlySpan<double> x, Span<double> scratch)
        {
            int d = mean.Length;
            var z = scratch[..d];
            TensorPrimitives.Subtract(x, mean, z);
            TensorPrimitives.Divide(z, scale, z);
            double score = 0;
            if (scoring == PcaScoring.Projection)
            {
                TensorPrimitives.Subtract(z, zMean, z);
                for (int r = 0; r < divisors.Length; r++)
                {
                    double y = TensorPrimitives.Dot(components.AsSpan(r * d, d), z);
                    score += y * y / divisors[r];
                }
            }
            else
            {
                for (int r = 0; r < divisors.Length; r++)
                {
                    score += TensorPrimitives.Distance(z, components.AsSpan(r * d, d)) / divisors[r];
                }
            }
            return score;
        }

        public void Write(ModelWriter writer)
        {
            writer.Write(mean);
            writer.Write(scale);
            writer.Write(zMean);
            writer.Write(components);
            writer.Write(divisors);
        }

        public static Model Read(ModelReader reader, PcaScoring scoring, int features)
        {
            var mean = reader.ReadDoubles();
            var scale = reader.ReadDoubles();
            var zMean = reader.ReadDoubles();
            var components = reader.ReadDoubles();
            var divisors = reader.ReadDoubles();
            if (mean.Length != features || scale.Length != features || zMean.Length != features
                || divisors.Length == 0 || components.Length != divisors.Length * features)
            {
                throw new InvalidDataException($"The stored PCA state does not match its {features} features.");
            }
            return new Model(scoring, mean, scale, zMean, components, divisors);
        }
    }

    private sealed class Fitted(PcaOptions options, Model model, double[] trainingScores)
        : FittedDetector(PcaDetector.DetectorName, options, model.Features, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            RowScoring.Run(rows, scores, rows.Columns, model.Score);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.SelectedComponents);
            writer.Write(options.Weighted);
            writer.Write(options.Standardize);
            writer.Write((int)options.Scoring);
            model.Write(writer);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new PcaOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                SelectedComponents = reader.ReadInt32(),
                Weighted = reader.ReadBoolean(),
                Standardize = reader.ReadBoolean(),
                Scoring = (PcaScoring)reader.ReadInt32(),
            };
            if (!Enum.IsDefined(options.Scoring))
            {
                throw new InvalidDataException($"The stored PCA scoring rule {(int)options.Scoring} is unknown.");
            }
            return new Fitted(options, Model.Read(reader, options.Scoring, header.Features), header.TrainingScores);
        }
    }
}
