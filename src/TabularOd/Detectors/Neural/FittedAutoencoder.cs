using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Reconstruction;

namespace TabularOd.Detectors.Neural;

/// <summary>The fitted form of both autoencoder detectors: scoring and saving delegate to the <see cref="AutoencoderModel"/>.</summary>
public sealed class FittedAutoencoder : FittedDetector
{
    /// <summary>The layout of <see cref="WriteState"/>.</summary>
    internal const int Version = 1;

    private readonly AutoencoderTrainingOptions _options;
    private readonly AutoencoderModel _model;

    internal FittedAutoencoder(string detectorName, AutoencoderTrainingOptions options, AutoencoderModel model, double[] trainingScores)
        : base(detectorName, options, model.Features, trainingScores)
    {
        _options = options;
        _model = model;
    }

    /// <summary>The ensemble (for tests and diagnostics).</summary>
    internal AutoencoderModel Model => _model;

    /// <inheritdoc />
    public override int StateVersion => Version;

    /// <summary>
    /// The same trained networks with mean-shift scoring switched to <paramref name="meanShiftScoring"/>: what fitting the
    /// detector again with only <c>mss</c> changed would give, without training again (mean-shift scoring never changes
    /// training, SPEC §4). The mean-shift step (k and m from the options) is fitted on <paramref name="train"/>, and the
    /// training scores and each network's score range are recomputed against the new targets.
    /// </summary>
    /// <param name="train">The rows this model was fitted on; they are needed for the mean shift and the score ranges.</param>
    /// <param name="meanShiftScoring">Whether the returned model scores against mean-shifted rows.</param>
    /// <exception cref="ArgumentException"><paramref name="train"/> is not the data this model was fitted on.</exception>
    public FittedAutoencoder WithMeanShiftScoring(DataMatrix train, bool meanShiftScoring) =>
        Rescored(train, _options with { MeanShiftScoring = meanShiftScoring });

    /// <summary>
    /// The same trained networks scored with mean shift at <paramref name="neighbours"/> (k, counting the point itself)
    /// and <paramref name="iterations"/> (m, 1–3) instead of the options' values: what fitting again with
    /// <c>mss=true, mss_k=k, mss_m=m</c> would give, without training again. Fitted on <paramref name="train"/> as in
    /// <see cref="WithMeanShiftScoring(DataMatrix, bool)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">k &lt; 1, m outside 1–3, or <paramref name="train"/> is not the training data.</exception>
    public FittedAutoencoder WithMeanShiftScoring(DataMatrix train, int neighbours, int iterations)
    {
        var options = _options with { MeanShiftScoring = true, MeanShiftNeighbours = neighbours, MeanShiftIterations = iterations };
        AutoencoderEnsemble.Validate(options, DetectorName);
        return Rescored(train, options);
    }

    private FittedAutoencoder Rescored(DataMatrix train, AutoencoderTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        DetectorInput.CheckTrain(train, DetectorName);
        var (mean, scale) = train.Columns == Features ? AutoencoderModel.Standardiser(train) : ([], []);
        if (!mean.SequenceEqual(_model.Mean) || !scale.SequenceEqual(_model.Scale))
        {
            throw new ArgumentException(
                $"These {train.Rows} × {train.Columns} rows are not the training rows of this {DetectorName} model: their standardiser differs.",
                nameof(train));
        }
        var z = AutoencoderModel.Standardise(train, mean, scale);
        var shift = options.MeanShiftScoring ? MeanShift.Fit(z, options.MeanShiftNeighbours, options.MeanShiftIterations) : null;
        var (model, trainingScores) = AutoencoderModel.FromTrained(_model.Rule, mean, scale, [.. _model.Members], z,
            shift?.ShiftedTraining ?? z, shift);
        return new FittedAutoencoder(DetectorName, options, model, trainingScores);
    }

    /// <inheritdoc />
    protected override void ScoreCore(DataMatrix rows, Span<double> scores) => _model.Score(rows, scores);

    /// <inheritdoc />
    protected internal override void WriteState(ModelWriter writer)
    {
        AutoencoderEnsemble.WriteOptions(_options, writer);
        if (_options is ProbabilisticAutoencoderOptions probabilistic)
        {
            writer.Write(probabilistic.Alpha);
            writer.Write(probabilistic.Beta);
        }
        _model.Write(writer);
    }
}
