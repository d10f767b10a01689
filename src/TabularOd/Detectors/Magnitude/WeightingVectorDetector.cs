using System.Globalization;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// Weighting-vector outlier score: a row's weight in the weighting vector of the training set (metric-space
/// magnitude), large on the boundary of the data and outside it, small or negative inside.
/// </summary>
/// <remarks>
/// <para>
/// Leinster, "The magnitude of metric spaces", Documenta Mathematica 18, 2013 (weighting vector and magnitude of a
/// finite metric space). Outlier scoring with weighting vectors: Bunch, Kline, Dickinson, Bhat and Fung, "Weighting
/// vectors for machine learning: numerical harmonic analysis applied to boundary detection", 2021, who read w as the
/// solution of a kernel SVM (w minimises ½wᵀZw − 1ᵀw, all labels +1, no box constraint) whose large weights play
/// the role of support vectors. The score rule is the specification's: training rows score wᵢ, new rows the weight
/// they would have in the training set with them added.
/// </para>
/// <para>
/// Fitting: the rows are put in lexicographic order (so the fitted model does not depend on the order they come in),
/// standardised with the training mean and population standard deviation (scale 1 for a constant column) and equal
/// rows are merged (Z would be singular with them; copies share their representative's weight). Then, on the m
/// distinct rows, Z_ij = exp(−t·‖xᵢ − xⱼ‖) and Z·w = 1 is solved exactly by Cholesky
/// (<see cref="WeightingVector"/>, keeping the factor so that new rows need no refactorisation) or approximately on
/// overlapping patches, each row taking its weight from the patch around its own cell (<see cref="LocalWeightingVector"/>); with the default method the exact solve is
/// used up to <see cref="WeightingVectorOptions.ExactLimit"/> distinct rows. t is 1 unless a target magnitude is
/// given, in which case it is searched by bisection on log t (<see cref="MagnitudeScale"/>).
/// </para>
/// <para>
/// Scoring a new row p: its weight in X ∪ {p} from the Schur complement, w_p = (1 − c·Z⁻¹·1)/(1 − c·Z⁻¹·cᵀ) with
/// cⱼ = exp(−t·‖p − xⱼ‖) (exact), or the same over the patch of its nearest training row's cell instead of the whole
/// training set (approximation). A row equal to a training row scores that row's weight, so scoring the training rows gives the
/// training scores back. An isolated row scores close to 1.
/// </para>
/// <para>Characteristics: needs scaling, which it does itself (standardised with training statistics); deterministic; inductive.</para>
/// </remarks>
public sealed class WeightingVectorDetector(WeightingVectorOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "wv";

    /// <summary>A detector with every option at its default.</summary>
    public WeightingVectorDetector()
        : this(new WeightingVectorOptions())
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
        Summary = "Weight of a row in the weighting vector (metric-space magnitude) of the standardised training set, exp(−t·distance) kernel.",
        Citation = "Leinster, \"The magnitude of metric spaces\", Doc. Math. 2013; outlier scoring: Bunch et al., \"Weighting vectors for machine learning\", 2021.",
        NeedsScaling = true,
        Deterministic = true,
        Inductive = true,
        StateVersion = FittedWeightingVector.Version,
        Parameters =
        [
            new("t", "double", WeightingVectorOptions.DefaultScale.ToString(CultureInfo.InvariantCulture), "> 0",
                "scale of the metric in exp(−t·‖x − y‖) on standardised rows; where the search starts when target_magnitude is set"),
            new("target_magnitude", "double", WeightingVectorOptions.DefaultTargetMagnitude.ToString(CultureInfo.InvariantCulture),
                "0, or in (1, distinct training rows)", "0 = off; otherwise t is chosen (bisection on log t) so that the training magnitude equals it"),
            new("method", "auto|exact|approx", "auto", "",
                "exact Cholesky solve, overlapping-patch approximation, or exact up to exact_limit distinct training rows"),
            new("patch", "int", WeightingVectorOptions.DefaultPatchSize.ToString(CultureInfo.InvariantCulture), "≥ cell",
                "P of the approximation: the training rows of each patch solved exactly"),
            new("cell", "int", WeightingVectorOptions.DefaultCellSize.ToString(CultureInfo.InvariantCulture), "≥ 1",
                "s of the approximation: the most rows of a cell, which takes its weights from its patch"),
            new("sweeps", "int", WeightingVectorOptions.DefaultSweeps.ToString(CultureInfo.InvariantCulture), "≥ 0",
                "far-field sweeps of the approximation: patches solved again with the pull of the rows outside them taken off"),
            new("exact_limit", "int", WeightingVectorOptions.DefaultExactLimit.ToString(CultureInfo.InvariantCulture), "≥ 0",
                "with method=auto, the most distinct training rows solved exactly (the model keeps an m×m factor)"),
            .. CommonParameters.All,
        ],
        Create = s => new WeightingVectorDetector(s.Common(new WeightingVectorOptions
        {
            Scale = s.Double("t", WeightingVectorOptions.DefaultScale),
            TargetMagnitude = s.Double("target_magnitude", WeightingVectorOptions.DefaultTargetMagnitude),
            Method = s.Enum("method", WeightingVectorOptions.DefaultMethod),
            PatchSize = s.Int("patch", WeightingVectorOptions.DefaultPatchSize),
            CellSize = s.Int("cell", WeightingVectorOptions.DefaultCellSize),
            Sweeps = s.Int("sweeps", WeightingVectorOptions.DefaultSweeps),
            ExactLimit = s.Int("exact_limit", WeightingVectorOptions.DefaultExactLimit),
        })),
        Load = FittedWeightingVector.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        const string detector = nameof(WeightingVectorDetector);
        OptionCheck.Common(options, detector);
        if (!(options.Scale > 0 && double.IsFinite(options.Scale)))
        {
            throw OptionCheck.Invalid(nameof(WeightingVectorOptions.Scale), detector, "> 0 and finite", options.Scale);
        }
        if (!(options.TargetMagnitude == 0 || (options.TargetMagnitude > 1 && double.IsFinite(options.TargetMagnitude))))
        {
            throw OptionCheck.Invalid(nameof(WeightingVectorOptions.TargetMagnitude), detector, "0 (off) or a finite value > 1", options.TargetMagnitude);
        }
        if (!Enum.IsDefined(options.Method))
        {
            throw OptionCheck.Invalid(nameof(WeightingVectorOptions.Method), detector, "auto, exact or approx", options.Method);
        }
        OptionCheck.AtLeast(options.CellSize, 1, nameof(WeightingVectorOptions.CellSize), detector);
        OptionCheck.AtLeast(options.PatchSize, options.CellSize, nameof(WeightingVectorOptions.PatchSize), detector);
        OptionCheck.AtLeast(options.Sweeps, 0, nameof(WeightingVectorOptions.Sweeps), detector);
        OptionCheck.AtLeast(options.ExactLimit, 0, nameof(WeightingVectorOptions.ExactLimit), detector);
        DetectorInput.CheckTrain(train, detector);

        int[] order = RowOrder.Lexicographic(train);
        var sorted = train.SelectRows(order);
        var scaler = new StandardScaler().Fit(sorted);
        var distinct = DistinctRows.Of(scaler.Transform(sorted));
        var points = distinct.Points;
        int m = points.Rows;
        if (options.TargetMagnitude != 0 && !(options.TargetMagnitude < m))
        {
            throw OptionCheck.Invalid(nameof(WeightingVectorOptions.TargetMagnitude), detector,
                $"below the {m} distinct training rows (the magnitude's limit as t grows)", options.TargetMagnitude);
        }
        var method = options.Method != WeightingVectorMethod.Auto ? options.Method
            : m <= options.ExactLimit ? WeightingVectorMethod.Exact : WeightingVectorMethod.Approx;

        var solution = Solve(ComputeBackends.Default, points, method);
        var trainingScores = new double[train.Rows];
        for (int i = 0; i < order.Length; i++)
        {
            trainingScores[order[i]] = solution.Weights[distinct.RepresentativeOf[i]];
        }
        return new FittedWeightingVector(options, scaler, method, solution, trainingScores);
    }

    private WeightingSolution Solve(IComputeBackend backend, DataMatrix points, WeightingVectorMethod method)
    {
        bool search = options.TargetMagnitude != 0;
        if (method == WeightingVectorMethod.Exact)
        {
            if (!search)
            {
                return WeightingVector.Solve(backend, points, options.Scale);
            }
            // The distances do not depend on t: compute them once for every solve of the search.
            var squared = WeightingVector.SquaredDistances(backend, points);
            return Search(t => WeightingVector.Solve(backend, points, t, squared));
        }
        var cover = LocalWeightingVector.CoverOf(backend, points, options.PatchSize, options.CellSize);
        return search
            ? Search(t => LocalWeightingVector.Solve(backend, points, t, cover, options.Sweeps))
            : LocalWeightingVector.Solve(backend, points, options.Scale, cover, options.Sweeps);
    }

    private TSolution Search<TSolution>(Func<double, TSolution> solveAt)
        where TSolution : WeightingSolution
    {
        try
        {
            return MagnitudeScale.Search(solveAt, options.TargetMagnitude, options.Scale);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The 'TargetMagnitude' of {nameof(WeightingVectorDetector)} cannot be reached: {e.Message}", e);
        }
    }
}
