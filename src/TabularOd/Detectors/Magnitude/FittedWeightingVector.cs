using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// A fitted <see cref="WeightingVectorDetector"/>: the training standardiser, the method used, and the weighting
/// vector of the distinct standardised training rows (with its Cholesky factor when exact).
/// </summary>
public sealed class FittedWeightingVector : FittedDetector
{
    internal const int Version = 2;

    private readonly FittedScaler _scaler;

    internal FittedWeightingVector(WeightingVectorOptions options, FittedScaler scaler, WeightingVectorMethod method,
        WeightingSolution solution, double[] trainingScores)
        : base(WeightingVectorDetector.DetectorName, options, scaler.Columns, trainingScores)
    {
        _scaler = scaler;
        Method = method;
        Solution = solution;
    }

    /// <inheritdoc />
    public override int StateVersion => Version;

    /// <summary>The method actually used: <see cref="WeightingVectorMethod.Exact"/> or <see cref="WeightingVectorMethod.Approx"/>, never Auto.</summary>
    public WeightingVectorMethod Method { get; }

    /// <summary>The weighting vector of the distinct standardised training rows.</summary>
    public WeightingSolution Solution { get; }

    /// <summary>The scale t used (the one found when a target magnitude was given).</summary>
    public double Scale => Solution.Scale;

    /// <summary>The training magnitude Σ wᵢ over the distinct rows (approximate with the approximation).</summary>
    public double Magnitude => Solution.Magnitude;

    /// <summary>The jitter added to make Z factorisable (0 when none); see <see cref="WeightingSolution.Jitter"/>.</summary>
    public double Jitter => Solution.Jitter;

    /// <summary>The number of distinct training rows.</summary>
    public int DistinctRowCount => Solution.Count;

    /// <summary>The standardiser fitted on the training rows (mean and population standard deviation per column).</summary>
    public FittedScaler Standardizer => _scaler;

    /// <inheritdoc />
    protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
        Solution.WeightsOf(_scaler.Transform(rows)).CopyTo(scores);

    /// <inheritdoc />
    protected internal override void WriteState(ModelWriter writer)
    {
        var options = (WeightingVectorOptions)Options;
        writer.Write(options.Scale);
        writer.Write(options.TargetMagnitude);
        writer.Write((int)options.Method);
        writer.Write(options.PatchSize);
        writer.Write(options.CellSize);
        writer.Write(options.Sweeps);
        writer.Write(options.ExactLimit);
        writer.Write((int)Method);
        writer.Write(_scaler.Center.ToArray());
        writer.Write(_scaler.Scale.ToArray());
        Solution.Write(writer);
    }

    internal static FittedDetector Load(ModelHeader header, ModelReader reader)
    {
        var options = new WeightingVectorOptions
        {
            Contamination = header.Contamination,
            Seed = header.Seed,
            Scale = reader.ReadDouble(),
            TargetMagnitude = reader.ReadDouble(),
            Method = (WeightingVectorMethod)reader.ReadInt32(),
            PatchSize = reader.ReadInt32(),
            CellSize = reader.ReadInt32(),
            Sweeps = reader.ReadInt32(),
            ExactLimit = reader.ReadInt32(),
        };
        var method = (WeightingVectorMethod)reader.ReadInt32();
        if (!Enum.IsDefined(options.Method) || method is not (WeightingVectorMethod.Exact or WeightingVectorMethod.Approx))
        {
            throw new InvalidDataException($"The stored weighting-vector methods {(int)options.Method} and {(int)method} are not known.");
        }
        var center = reader.ReadDoubles();
        var scale = reader.ReadDoubles();
        if (center.Length != header.Features || scale.Length != header.Features)
        {
            throw new InvalidDataException($"The stored standardiser has {center.Length} centres and {scale.Length} scales for {header.Features} features.");
        }
        FittedScaler scaler;
        try
        {
            scaler = FittedScaler.Create(center, scale);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The stored standardiser is invalid: {e.Message}", e);
        }
        WeightingSolution solution = method == WeightingVectorMethod.Exact
            ? WeightingVector.Read(reader, header.Features)
            : LocalWeightingVector.Read(reader, header.Features);
        return new FittedWeightingVector(options, scaler, method, solution, header.TrainingScores);
    }
}
