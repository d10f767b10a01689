using FsCheck;
using FsCheck.Fluent;
using TabularOd.Evaluation;

namespace TabularOd.Tests.Evaluation;

/// <summary>Algebraic properties of the metrics and agreement with naive references over many random inputs.</summary>
public sealed class OutlierMetricPropertyTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Small integer scores, so ties are common; both classes present.</summary>
    private static Arbitrary<LabelledScores> TwoClassTiedScores() =>
        Gen.Choose(2, 60)
            .SelectMany(
                n => Gen.Zip(Gen.Choose(0, 1).ArrayOf(n), Gen.Choose(-6, 6).ArrayOf(n), (l, s) => (l, s)),
                (n, pair) => new LabelledScores(pair.l, pair.s.Select(v => (double)v).ToArray()))
            .Where(x => x.Labels.Contains(0) && x.Labels.Contains(1))
            .ToArbitrary();

    [Fact]
    public void Auroc_OfNegatedScores_IsOneMinusAuroc()
    {
        Prop.ForAll(TwoClassTiedScores(), x =>
        {
            double forward = OutlierMetrics.Auroc(x.Labels, x.Scores)!.Value;
            double backward = OutlierMetrics.Auroc(x.Labels, x.Scores.Select(s => -s).ToArray())!.Value;
            return Math.Abs(backward - (1 - forward)) <= Tolerance;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RankingMetrics_AreInvariantUnderStrictlyIncreasingTransforms()
    {
        // Each transform keeps distinct integer scores distinct in double precision, so ties are preserved exactly.
        Func<double, double>[] transforms =
        [
            s => (1000 * s) - 3,
            s => (s * s * s) + s,
            Math.Exp,
            Math.Atan,
        ];
        Prop.ForAll(TwoClassTiedScores(), x =>
        {
            var original = OutlierMetrics.Compute(x.Labels, x.Scores);
            return transforms.All(f =>
            {
                var moved = OutlierMetrics.Compute(x.Labels, x.Scores.Select(f).ToArray());
                return moved.Auroc == original.Auroc && moved.Auprc == original.Auprc && moved.BestF1 == original.BestF1;
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Auroc_EqualsPairCountingReference_ForEveryLengthUpTo256()
    {
        var random = new Random(20260611);
        for (int length = 1; length <= 256; length++)
        {
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var (labels, scores) = RandomInput(random, length, distinctScores: repeat switch { 0 => 2, 1 => 8, _ => 0 });
                AssertClose(MetricReference.Auroc(labels, scores), OutlierMetrics.Auroc(labels, scores), length);
            }
        }
    }

    [Fact]
    public void OtherMetrics_EqualNaiveReferences_ForEveryLengthUpTo256()
    {
        var random = new Random(611);
        for (int length = 1; length <= 256; length++)
        {
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var (labels, scores) = RandomInput(random, length, distinctScores: repeat switch { 0 => 3, 1 => 12, _ => 0 });
                int? n = repeat == 2 ? random.Next(1, length + 1) : null;

                AssertClose(MetricReference.AveragePrecision(labels, scores), OutlierMetrics.Auprc(labels, scores), length);
                AssertClose(MetricReference.BestF1(labels, scores), OutlierMetrics.BestF1(labels, scores), length);
                // Same NumPy arithmetic on the same threshold: the counts, and so the precision, must agree exactly.
                Assert.Equal(MetricReference.PrecisionAtN(labels, scores, n), OutlierMetrics.PrecisionAtN(labels, scores, n));
            }
        }
    }

    [Fact]
    public void Compute_EqualsTheSingleMetricMethods()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            var (labels, scores) = RandomInput(random, random.Next(1, 120), distinctScores: trial % 3 == 0 ? 4 : 0);
            double threshold = scores[random.Next(scores.Length)];

            var set = OutlierMetrics.Compute(labels, scores, threshold);

            Assert.Equal(OutlierMetrics.Auroc(labels, scores), set.Auroc);
            Assert.Equal(OutlierMetrics.Auprc(labels, scores), set.Auprc);
            Assert.Equal(OutlierMetrics.PrecisionAtN(labels, scores), set.PrecisionAtN);
            Assert.Equal(OutlierMetrics.BestF1(labels, scores), set.BestF1);
            Assert.Equal(OutlierMetrics.F1AtThreshold(labels, scores, threshold), set.F1AtThreshold);
        }
    }

    [Fact]
    public void Compute_WithoutThreshold_LeavesF1AtThresholdUnset()
    {
        var set = OutlierMetrics.Compute([0, 1, 0, 1], [0.1, 0.9, 0.4, 0.3]);

        Assert.Null(set.F1AtThreshold);
        Assert.Equal(0.75, set.Auroc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void OneClassLabels_LeaveRankingMetricsUndefined(int onlyClass)
    {
        int[] labels = Enumerable.Repeat(onlyClass, 10).ToArray();
        double[] scores = Enumerable.Range(0, 10).Select(i => i * 0.1).ToArray();

        var set = OutlierMetrics.Compute(labels, scores, threshold: 0.45);

        Assert.Null(OutlierMetrics.Auroc(labels, scores));
        Assert.Null(OutlierMetrics.Auprc(labels, scores));
        Assert.Null(set.Auroc);
        Assert.Null(set.Auprc);
        Assert.Equal(onlyClass == 1 ? 1.0 : 0.0, set.BestF1);
    }

    [Fact]
    public void PrecisionAtN_WithoutOutliers_IsUndefinedEvenWithExplicitN()
    {
        int[] labels = [0, 0, 0, 0];
        double[] scores = [1, 2, 3, 4];

        Assert.Null(OutlierMetrics.PrecisionAtN(labels, scores));
        Assert.Null(OutlierMetrics.PrecisionAtN(labels, scores, n: 2));
        Assert.Null(OutlierMetrics.Compute(labels, scores, n: 2).PrecisionAtN);
    }

    [Fact]
    public void InfiniteScores_RankAsExtremes()
    {
        int[] labels = [0, 1, 0, 1, 0];
        double[] scores = [double.NegativeInfinity, double.PositiveInfinity, 0.5, 2.0, 1.0];

        Assert.Equal(1.0, OutlierMetrics.Auroc(labels, scores));
        Assert.Equal(1.0, OutlierMetrics.Auprc(labels, scores));
        Assert.Equal(1.0, OutlierMetrics.BestF1(labels, scores));
    }

    [Fact]
    public void NegativeAndPositiveZero_AreOneTie()
    {
        Assert.Equal(0.5, OutlierMetrics.Auroc([0, 1], [0.0, -0.0]));
    }

    [Fact]
    public void F1AtThreshold_CountsOnlyScoresStrictlyAbove()
    {
        // At threshold 2 the row scoring exactly 2 is an inlier prediction: TP 1, FP 0, FN 1 → F1 2/3.
        Assert.Equal(2.0 / 3.0, OutlierMetrics.F1AtThreshold([0, 1, 1], [1, 2, 3], 2.0), 15);
        Assert.Equal(0.0, OutlierMetrics.F1AtThreshold([0, 1, 1], [1, 2, 3], double.PositiveInfinity));
    }

    private static (int[] Labels, double[] Scores) RandomInput(Random random, int length, int distinctScores)
    {
        double outlierRate = 0.05 + (0.5 * random.NextDouble());
        var labels = new int[length];
        var scores = new double[length];
        for (int i = 0; i < length; i++)
        {
            labels[i] = random.NextDouble() < outlierRate ? 1 : 0;
            double signal = labels[i] * random.NextDouble() * 2;
            scores[i] = distinctScores > 0
                ? random.Next(distinctScores) + Math.Floor(signal)
                : random.NextDouble() + signal;
        }
        return (labels, scores);
    }

    private static void AssertClose(double? expected, double? actual, int length)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"length {length}: expected null, got {actual:R}");
            return;
        }
        Assert.True(actual is not null, $"length {length}: expected {expected:R}, got null");
        Assert.True(Math.Abs(expected.Value - actual.Value) <= Tolerance, $"length {length}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>A generated input: labels and scores of one length.</summary>
    public sealed record LabelledScores(int[] Labels, double[] Scores)
    {
        public override string ToString() => $"labels [{string.Join(", ", Labels)}], scores [{string.Join(", ", Scores)}]";
    }
}
