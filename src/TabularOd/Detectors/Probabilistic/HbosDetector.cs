using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// HBOS, histogram-based outlier score: one static equal-width histogram per feature, and a row scores the sum over
/// features of −log₂ of the (regularised) density of the bin its value falls in.
/// </summary>
/// <remarks>
/// Goldstein and Dengel, "Histogram-based Outlier Score (HBOS): A fast Unsupervised Anomaly Detection Algorithm",
/// KI-2012 Poster and Demo Track. Semantics follow PyOD's <c>HBOS</c> (static bins) and its
/// <c>_calculate_outlier_scores</c> exactly: edges and densities from <c>np.histogram(column, bins, density=True)</c>
/// (a constant column widened to ±0.5), bin lookup by <c>np.digitize(x, edges, right=True)</c> (so a value on an
/// interior edge scores with the bin below it), per-bin score log₂(density + α), a value outside the edges by at most
/// tol outer-bin widths scoring as the outer bin and further out as the lowest-scoring bin, and score = −Σ. PyOD uses
/// log₂, not the natural log, and so does this detector.
/// <para>Characteristics: scale-free; deterministic; inductive.</para>
/// </remarks>
public sealed class HbosDetector(HbosOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "hbos";

    /// <summary>A detector with every option at its default.</summary>
    public HbosDetector()
        : this(new HbosOptions())
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
        Summary = "Sum over features of −log₂ of the regularised density of the row's bin in a static per-feature histogram.",
        Citation = "Goldstein & Dengel, HBOS, KI-2012 (PyOD HBOS, static bins).",
        NeedsScaling = false,
        Deterministic = true,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("n_bins", "int", HbosOptions.DefaultBins.ToString(System.Globalization.CultureInfo.InvariantCulture), "≥ 1", "equal-width bins per feature"),
            new("alpha", "double", "0.1", "in (0, 1]", "added to each bin's density before the log"),
            new("tol", "double", "0.5", "in [0, 1]", "outer-bin widths outside the training range still scored as the outer bin"),
            .. CommonParameters.All,
        ],
        Create = s => new HbosDetector(s.Common(new HbosOptions
        {
            Bins = s.Int("n_bins", HbosOptions.DefaultBins),
            Alpha = s.Double("alpha", HbosOptions.DefaultAlpha),
            Tolerance = s.Double("tol", HbosOptions.DefaultTolerance),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(HbosDetector));
        OptionCheck.AtLeast(options.Bins, 1, nameof(HbosOptions.Bins), nameof(HbosDetector));
        OptionCheck.InHalfOpen(options.Alpha, 0, 1, nameof(HbosOptions.Alpha), nameof(HbosDetector));
        OptionCheck.InRange(options.Tolerance, 0, 1, nameof(HbosOptions.Tolerance), nameof(HbosDetector));
        DetectorInput.CheckTrain(train, nameof(HbosDetector));
        var columns = RowBlocks.CopyColumns(train);
        var histograms = new Histogram[train.Columns];
        RowBlocks.ForColumns(train.Rows, train.Columns, j => histograms[j] = Histogram.Fit(columns[j], options.Bins));
        var scorer = new Scorer(histograms, options);
        return new Fitted(options, histograms, scorer.ScoreRows(train));
    }

    /// <summary>One feature's bin edges (bins + 1, ascending) and densities (bins; each count / (n · width)).</summary>
    private sealed record Histogram(double[] Edges, double[] Densities)
    {
        /// <summary>NumPy's <c>np.histogram(values, bins, density=True)</c>.</summary>
        public static Histogram Fit(double[] values, int bins)
        {
            double first = values.Min(), last = values.Max();
            if (first == last)
            {
                first -= 0.5;
                last += 0.5;
            }
            var edges = Linspace(first, last, bins);
            var counts = new int[bins];
            foreach (double v in values)
            {
                // Bin k holds edges[k] ≤ v < edges[k + 1]; the last bin also holds the right edge.
                counts[Math.Max(SortedSearch.CountAtMost(edges.AsSpan(0, bins), v) - 1, 0)]++;
            }
            var densities = new double[bins];
            for (int k = 0; k < bins; k++)
            {
                double width = edges[k + 1] - edges[k];
                // NumPy divides by a zero width and gets NaN; that happens only when ±0.5 is lost on a constant beyond
                // 2⁵², and such a column should score like any other constant one, not poison every row with NaN.
                densities[k] = width > 0 ? counts[k] / width / values.Length : 0;
            }
            return new Histogram(edges, densities);
        }

        // np.linspace(first, last, bins + 1): k·step + first, with the last edge set to exactly `last`.
        private static double[] Linspace(double first, double last, int bins)
        {
            var edges = new double[bins + 1];
            double delta = last - first, step = delta / bins;
            for (int k = 0; k < bins; k++)
            {
                // NumPy's branch for a step that underflows to zero: scale first, multiply by the range after.
                edges[k] = (step == 0 ? k / (double)bins * delta : k * step) + first;
            }
            edges[bins] = last;
            return edges;
        }
    }

    /// <summary>The per-bin scores derived from the histograms, and the row scoring PyOD does with them.</summary>
    private sealed class Scorer
    {
        private readonly Histogram[] _histograms;
        private readonly double[][] _logDensities;
        private readonly double[] _lowest;
        private readonly double _tolerance;

        public Scorer(Histogram[] histograms, HbosOptions options)
        {
            _histograms = histograms;
            _tolerance = options.Tolerance;
            _logDensities = histograms.Select(h => h.Densities.Select(d => Math.Log2(d + options.Alpha)).ToArray()).ToArray();
            _lowest = _logDensities.Select(l => l.Min()).ToArray();
        }

        public double[] ScoreRows(DataMatrix rows)
        {
            var scores = new double[rows.Rows];
            RowBlocks.For(rows.Rows, rows.Columns, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var row = rows.Row(i);
                    double sum = 0;
                    for (int j = 0; j < row.Length; j++)
                    {
                        sum += LogDensity(j, row[j]);
                    }
                    scores[i] = -sum;
                }
            });
            return scores;
        }

        private double LogDensity(int column, double x)
        {
            var edges = _histograms[column].Edges;
            var log = _logDensities[column];
            int bins = log.Length;
            // np.digitize(x, edges, right=True): the number of edges strictly below x.
            int index = SortedSearch.CountBelow(edges, x);
            if (index == 0)
            {
                return edges[0] - x <= (edges[1] - edges[0]) * _tolerance ? log[0] : _lowest[column];
            }
            if (index == bins + 1)
            {
                return x - edges[bins] <= (edges[bins] - edges[bins - 1]) * _tolerance ? log[bins - 1] : _lowest[column];
            }
            return log[index - 1];
        }
    }

    private sealed class Fitted(HbosOptions options, Histogram[] histograms, double[] trainingScores)
        : FittedDetector(HbosDetector.DetectorName, options, histograms.Length, trainingScores)
    {
        private readonly Scorer _scorer = new(histograms, options);

        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) => _scorer.ScoreRows(rows).CopyTo(scores);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.Bins);
            writer.Write(options.Alpha);
            writer.Write(options.Tolerance);
            writer.Write(histograms.Length);
            foreach (var histogram in histograms)
            {
                writer.Write(histogram.Edges);
                writer.Write(histogram.Densities);
            }
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new HbosOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                Bins = reader.ReadInt32(),
                Alpha = reader.ReadDouble(),
                Tolerance = reader.ReadDouble(),
            };
            int columns = reader.ReadInt32();
            if (columns != header.Features || columns < 1 || options.Bins < 1 || !(options.Alpha > 0))
            {
                throw new InvalidDataException($"the hbos model stores {columns} histograms of {options.Bins} bins for {header.Features} features.");
            }
            var histograms = new Histogram[columns];
            for (int j = 0; j < columns; j++)
            {
                histograms[j] = new Histogram(reader.ReadDoubles(), reader.ReadDoubles());
                if (histograms[j].Edges.Length != options.Bins + 1 || histograms[j].Densities.Length != options.Bins)
                {
                    throw new InvalidDataException($"stored histogram {j} does not have {options.Bins} bins.");
                }
            }
            return new Fitted(options, histograms, header.TrainingScores);
        }
    }
}
