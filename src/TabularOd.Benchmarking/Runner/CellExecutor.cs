using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Data.Splits;
using TabularOd.Detectors;
using TabularOd.Evaluation;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// Runs cells in the current process: loads (and caches) the dataset, prepares it as the request says, fits the
/// detector on the training rows, scores the test rows and computes the metrics. Any exception becomes a failed
/// outcome with a one-line message; it never escapes.
/// </summary>
public sealed class CellExecutor
{
    private readonly bool _measureAlone;
    private PreparedData? _cached;

    /// <summary>
    /// Makes an executor. With <paramref name="measureAlone"/> (a worker process running one cell at a time) the
    /// memory earlier cells left behind is returned to the OS before each cell, so that the peak reported for a cell
    /// is its own and not the high tide of whatever ran before it in the same process.
    /// </summary>
    public CellExecutor(bool measureAlone = false)
    {
        _measureAlone = measureAlone;
    }

    /// <summary>Runs one cell.</summary>
    public CellOutcome Run(CellRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wall = Stopwatch.StartNew();
        if (_measureAlone)
        {
            if (_cached is { } previous && previous.Path != request.DatasetPath)
            {
                _cached = null;
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        PeakMemory.Reset();
        PreparedData data;
        try
        {
            data = Prepare(request);
        }
        catch (Exception e)
        {
            return CellOutcome.Failure(request.Key, CellStatus.Failed, Describe(e), wall.Elapsed.TotalSeconds);
        }
        var clock = Stopwatch.StartNew();
        double fitSeconds = 0;
        try
        {
            var descriptor = DetectorCatalog.Get(request.Detector);
            var settings = new Dictionary<string, string>(request.Parameters, StringComparer.OrdinalIgnoreCase);
            if (descriptor.Parameters.Any(p => p.Name == "seed"))
            {
                settings["seed"] = request.Seed.ToString(CultureInfo.InvariantCulture);
            }
            var fitted = descriptor.CreateFrom(settings).Fit(data.Train);
            fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            double[] scores = fitted.Score(data.Test);
            double scoreSeconds = clock.Elapsed.TotalSeconds;
            int nonFinite = CountNonFinite(scores) + CountNonFinite(fitted.TrainingScores);
            double? auroc = null, auprc = null, precision = null;
            if (data.Labels is { } labels && nonFinite == 0)
            {
                auroc = OutlierMetrics.Auroc(labels, scores);
                auprc = OutlierMetrics.Auprc(labels, scores);
                precision = OutlierMetrics.PrecisionAtN(labels, scores);
            }
            return new CellOutcome
            {
                Key = request.Key,
                Status = CellStatus.Ok,
                Auroc = auroc,
                Auprc = auprc,
                PrecisionAtN = precision,
                FitSeconds = fitSeconds,
                ScoreSeconds = scoreSeconds,
                WallSeconds = wall.Elapsed.TotalSeconds,
                PeakMemoryMib = PeakMemory.ReadMib(),
                TrainRows = data.Train.Rows,
                TestRows = data.Test.Rows,
                Features = data.Train.Columns,
                NonFiniteScores = nonFinite,
                Error = nonFinite > 0 ? $"{nonFinite} non-finite scores; metrics not computed." : null,
                Scores = request.KeepScores ? scores : null,
                Labels = request.KeepScores ? data.Labels : null,
            };
        }
        catch (Exception e)
        {
            return CellOutcome.Failure(request.Key, CellStatus.Failed, Describe(e), wall.Elapsed.TotalSeconds) with
            {
                FitSeconds = fitSeconds > 0 ? fitSeconds : clock.Elapsed.TotalSeconds,
                PeakMemoryMib = PeakMemory.ReadMib(),
                TrainRows = data.Train.Rows,
                TestRows = data.Test.Rows,
                Features = data.Train.Columns,
            };
        }
    }

    private PreparedData Prepare(CellRequest request)
    {
        if (_cached is { } hit && hit.Path == request.DatasetPath && hit.Standardize == request.Standardize && hit.SplitSeed == request.SplitSeed)
        {
            return hit;
        }
        _cached = null; // free the previous dataset before loading the next one
        var file = DataReader.Read(request.DatasetPath);
        var pair = file.Pair ?? MacrODataSplit.Split(file.Table!, request.SplitSeed);
        DataMatrix train = pair.Train.Features, test = pair.Test.Features;
        if (request.Standardize)
        {
            var scaler = new StandardScaler().Fit(train);
            (train, test) = (scaler.Transform(train), scaler.Transform(test));
        }
        _cached = new PreparedData(request.DatasetPath, request.Standardize, request.SplitSeed, train, test, pair.Test.Labels);
        return _cached;
    }

    /// <summary>One line: the message of a user-facing data error, or the exception type and message otherwise.</summary>
    public static string Describe(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ").Trim();
        return e is DataFileException ? message : $"{e.GetType().Name}: {message}";
    }

    private static int CountNonFinite(ReadOnlySpan<double> scores)
    {
        int count = 0;
        foreach (double s in scores)
        {
            if (!double.IsFinite(s))
            {
                count++;
            }
        }
        return count;
    }

    private sealed record PreparedData(string Path, bool Standardize, int SplitSeed, DataMatrix Train, DataMatrix Test, int[]? Labels);
}
