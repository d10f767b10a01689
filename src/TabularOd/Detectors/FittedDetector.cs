using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Evaluation;

namespace TabularOd.Detectors;

/// <summary>
/// A fitted detector, PyOD-style: each detector supplies only its scoring (<see cref="ScoreCore"/>) and its
/// saved state (<see cref="WriteState"/>); this base keeps the training scores and turns them into the
/// contamination threshold, 0/1 labels and probabilities, and checks every input.
/// </summary>
/// <remarks>
/// Scoring never mutates the model, so one fitted detector may score from several threads at once. Scores are
/// higher for more anomalous rows and finite for finite input.
/// </remarks>
public abstract class FittedDetector
{
    private readonly double[] _trainingScores;
    private readonly double _trainingMin, _trainingMax, _trainingMean, _trainingStd;

    /// <summary>Keeps the training scores and derives the threshold from them.</summary>
    protected FittedDetector(string detectorName, DetectorOptions options, int features, double[] trainingScores)
    {
        ArgumentNullException.ThrowIfNull(trainingScores);
        if (trainingScores.Length == 0)
        {
            throw new ArgumentException("A fitted detector needs the scores of its training rows.", nameof(trainingScores));
        }
        DetectorName = detectorName;
        Options = options;
        Features = features;
        _trainingScores = trainingScores;
        var sorted = trainingScores.Order().ToArray();
        // PyOD: threshold_ = np.percentile(decision_scores_, 100 * (1 - contamination)); labels are scores > threshold.
        Threshold = NumpyPercentile.OfSorted(sorted, 100 * (1 - options.Contamination));
        _trainingMin = sorted[0];
        _trainingMax = sorted[^1];
        _trainingMean = trainingScores.Average();
        _trainingStd = Math.Sqrt(trainingScores.Sum(s => (s - _trainingMean) * (s - _trainingMean)) / trainingScores.Length);
    }

    /// <summary>The catalog name of the detector that made this model.</summary>
    public string DetectorName { get; }

    /// <summary>The options the model was fitted with.</summary>
    public DetectorOptions Options { get; }

    /// <summary>Number of features the model expects.</summary>
    public int Features { get; }

    /// <summary>Scores of the training rows (for transductive-style detectors, as fitted).</summary>
    public ReadOnlySpan<double> TrainingScores => _trainingScores;

    /// <summary>Scores above this are labelled outliers: the (1 − contamination) percentile of the training scores.</summary>
    public double Threshold { get; }

    /// <summary>Labels of the training rows.</summary>
    public int[] TrainingLabels => Label(_trainingScores);

    /// <summary>Scores new rows; higher = more anomalous.</summary>
    public double[] Score(DataMatrix rows)
    {
        DetectorInput.CheckScore(rows, Features, DetectorName);
        var scores = new double[rows.Rows];
        if (rows.Rows > 0)
        {
            ScoreCore(rows, scores);
        }
        return scores;
    }

    /// <summary>0/1 labels of new rows (1 = outlier).</summary>
    public int[] Predict(DataMatrix rows) => Label(Score(rows));

    /// <summary>Outlier probabilities of new rows.</summary>
    public double[] PredictProbability(DataMatrix rows, ProbabilityMethod method = ProbabilityMethod.Linear) =>
        Probability(Score(rows), method);

    /// <summary>Labels for given scores: 1 where the score is above <see cref="Threshold"/>.</summary>
    public int[] Label(ReadOnlySpan<double> scores)
    {
        var labels = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            labels[i] = scores[i] > Threshold ? 1 : 0;
        }
        return labels;
    }

    /// <summary>Outlier probabilities for given scores, relative to the training scores.</summary>
    public double[] Probability(ReadOnlySpan<double> scores, ProbabilityMethod method)
    {
        var result = new double[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            double p = method switch
            {
                // A constant training score has no range; scikit-learn's MinMaxScaler then uses scale 1.
                ProbabilityMethod.Linear => (scores[i] - _trainingMin) / (_trainingMax > _trainingMin ? _trainingMax - _trainingMin : 1),
                ProbabilityMethod.Unify => _trainingStd > 0 ? Erf.Of((scores[i] - _trainingMean) / (_trainingStd * Math.Sqrt(2))) : 0,
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown probability method."),
            };
            result[i] = Math.Clamp(p, 0, 1);
        }
        return result;
    }

    /// <summary>Writes the model in the versioned model format.</summary>
    public void Save(Stream stream) => ModelFile.Write(this, stream);

    /// <summary>Writes the model to a file.</summary>
    public void Save(string path) => ModelFile.Write(this, path);

    /// <summary>The version of this detector's saved state; bump it when <see cref="WriteState"/> changes.</summary>
    public abstract int StateVersion { get; }

    /// <summary>Scores non-empty rows that already passed the width and finiteness checks.</summary>
    protected abstract void ScoreCore(DataMatrix rows, Span<double> scores);

    /// <summary>Writes what <see cref="ScoreCore"/> needs (the options are written by the container).</summary>
    protected internal abstract void WriteState(ModelWriter writer);
}
