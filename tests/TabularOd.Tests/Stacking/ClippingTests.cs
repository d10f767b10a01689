using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class ClippingTests
{
    [Fact]
    public void Bounds_AreInterpolatedQuantiles_AndMinMaxAtZero()
    {
        // Column 0: 0..10 (11 rows) — position q·10; column 1 constant.
        var x = new DataMatrix(11, 2);
        for (int i = 0; i < 11; i++)
        {
            x[i, 0] = 10 - i;
            x[i, 1] = 4;
        }
        var (lower, upper) = ClippedRegressor.Bounds(x, 0.05);
        Assert.Equal(0.5, lower[0], 14);
        Assert.Equal(9.5, upper[0], 14);
        Assert.Equal(4.0, lower[1]);
        Assert.Equal(4.0, upper[1]);
        var (min, max) = ClippedRegressor.Bounds(x, 0);
        Assert.Equal([0.0, 4.0], min);
        Assert.Equal([10.0, 4.0], max);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(150)]
    [InlineData(5000)]
    public void Bounds_EqualTheQuantilesOfTheSortedColumn(int rows)
    {
        // Ranks near either end take the one-pass extremes; others quickselect. Both must equal sorting, ties included.
        // 19 columns: the one-pass rows are screened a vector of columns at a time, and 19 leaves a remainder on any width.
        const int columns = 19;
        var random = new TabularOd.Sampling.SeededRandom(rows);
        var x = new DataMatrix(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                x[i, j] = j % 2 == 0 ? random.NextGaussian() : Math.Round(3 * random.NextGaussian());
            }
        }
        foreach (double q in new[] { 0, 0.001, 0.01, 0.05, 0.2, 0.49 })
        {
            var (lower, upper) = ClippedRegressor.Bounds(x, q);
            for (int j = 0; j < columns; j++)
            {
                var sorted = Enumerable.Range(0, rows).Select(i => x[i, j]).Order().ToArray();
                Assert.Equal(SortedQuantile(sorted, q), lower[j]);
                Assert.Equal(Math.Max(SortedQuantile(sorted, 1 - q), lower[j]), upper[j]);
            }
        }
    }

    // NumPy's 'linear' quantile of a sorted column.
    private static double SortedQuantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return fraction == 0 ? sorted[below] : sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }

    [Fact]
    public void ClippedRegressor_ClipsTheRowsItPredicts_ToTheFittedBounds()
    {
        var x = DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var model = new ClippedRegressor(new RidgeRegressor(new RidgeOptions { Alpha = 1e-12 }), 0).Fit(x, [0, 2, 4, 6], default);
        Assert.Equal([0.0], model.Lower);
        Assert.Equal([3.0], model.Upper);
        var predicted = model.Predict(DataMatrix.FromArray(new double[,] { { -100 }, { 1.5 }, { 100 } }));
        Assert.Equal(0.0, predicted[0], 8);
        Assert.Equal(3.0, predicted[1], 8);
        Assert.Equal(6.0, predicted[2], 8);
    }

    [Fact]
    public void ExtremeHeldOutRow_CannotMoveItsPredictionBeyondTheClippedDesign()
    {
        // One held-out row whose base predictions are wildly extreme and disagree (so the mean, std, range and the
        // interactions μ·σ and r·σ all blow up). With clipping, every design column of that row sits at its fold's
        // upper bound whatever the size of the blow-up, so 50× more extreme gives the same prediction to the bit, and
        // that prediction is in the target's range. Without clipping the meta-model extrapolates.
        var (p, y) = StackingFixtures.StrongAndNoisy(21, 150, noisy: 4);
        var options = new StackingPipelineOptions { Deduplicate = false, MetaModels = [MetaModelKind.Ridge, MetaModelKind.Lasso] };
        var folds = new StackingPipeline(options).OuterFolds(p.Rows);
        int watched = folds.Test(0)[0];

        DataMatrix Extreme(double size)
        {
            var q = p.Clone();
            for (int j = 0; j < q.Columns; j++)
            {
                q[watched, j] = size * (j + 1);
            }
            return q;
        }
        var moderate = Extreme(50);
        var wild = Extreme(2500);
        double yMax = y.Max(Math.Abs);

        var clippedModerate = new StackingPipeline(options).Fit(moderate, y);
        var clippedWild = new StackingPipeline(options).Fit(wild, y);
        foreach (var (a, b) in clippedModerate.MetaModels.Zip(clippedWild.MetaModels))
        {
            Assert.Equal(a.OofPredictions[watched], b.OofPredictions[watched]);
            Assert.True(Math.Abs(a.OofPredictions[watched]) < 2 * yMax, $"{a.Name}: {a.OofPredictions[watched]} vs |y| ≤ {yMax}");
        }
        // (The blend itself may differ: its weights come from the OOF RMSEs over all rows, and in the other folds the
        // extreme row is a training row that widens their bounds.)

        // The same row predicted by the fold's model equals the prediction for the fold's upper bounds themselves.
        var train = folds.Train(0).ToArray();
        var design = MetaFeatures.Append(wild);
        var fold = new ClippedRegressor(new StandardizedRegressor(new SearchRegressor(MetaModelKind.Ridge)), StackingPipelineOptions.DefaultClipQuantile)
            .Fit(design.SelectRows(train), [.. train.Select(i => y[i])], default);
        var atBounds = new DataMatrix(1, design.Columns);
        for (int j = 0; j < design.Columns; j++)
        {
            Assert.True(design[watched, j] >= fold.Upper[j], $"column {j}: {design[watched, j]} < {fold.Upper[j]}");
            atBounds[0, j] = fold.Upper[j];
        }
        Assert.Equal(fold.Predict(atBounds)[0], fold.Predict(design.SelectRows([watched]))[0]);
        Assert.Equal(clippedWild.MetaModels[0].OofPredictions[watched], fold.Predict(atBounds)[0]);

        // The control: with clipping off the extreme row drives the meta-models far outside the target's range.
        var off = options with { ClipQuantile = 0 };
        var unclipped = new StackingPipeline(off).Fit(wild, y);
        Assert.True(unclipped.MetaModels.Any(r => Math.Abs(r.OofPredictions[watched]) > 10 * yMax),
            string.Join(", ", unclipped.MetaModels.Select(r => $"{r.Name} {r.OofPredictions[watched]}")));
        Assert.NotEqual(unclipped.MetaModels[0].OofPredictions[watched], new StackingPipeline(off).Fit(moderate, y).MetaModels[0].OofPredictions[watched]);
    }

    [Fact]
    public void ClippingBounds_AreFittedInsideEachFold_NoLeakage()
    {
        // As Standardisation_IsFittedInsideEachFold_NoLeakage, with strong clipping (5% / 95%) so that the bounds
        // matter: blowing up fold 0's other held-out rows leaves a held-out row's OOF prediction unchanged to the bit.
        var (p, y) = StackingFixtures.StrongAndNoisy(22, 120, noisy: 4);
        var options = new StackingPipelineOptions { Deduplicate = false, ClipQuantile = 0.05, MetaModels = [MetaModelKind.Ridge, MetaModelKind.Lasso] };
        var pipeline = new StackingPipeline(options);
        var folds = pipeline.OuterFolds(p.Rows);
        var test = folds.Test(0).ToArray();
        int watched = test[0];
        var perturbed = p.Clone();
        foreach (int i in test.Skip(1))
        {
            for (int j = 0; j < p.Columns; j++)
            {
                perturbed[i, j] = (perturbed[i, j] * 50) + 1000;
            }
        }
        var baseline = pipeline.Fit(p, y);
        var after = pipeline.Fit(perturbed, y);
        foreach (var (a, b) in baseline.MetaModels.Zip(after.MetaModels))
        {
            Assert.Equal(a.OofPredictions[watched], b.OofPredictions[watched]);
        }

        // One step, honest: bounds inside each fold.
        IRegressor Honest() => new ClippedRegressor(new StandardizedRegressor(new RidgeRegressor(new RidgeOptions { Alpha = 50 })), 0.05);
        Assert.Equal(OutOfFold.Predict(Honest(), p, y, folds)[watched], OutOfFold.Predict(Honest(), perturbed, y, folds)[watched]);

        // The control: bounds fitted on all rows first see the blown-up rows and move the prediction.
        Assert.NotEqual(LeakyOof(p, y, folds)[watched], LeakyOof(perturbed, y, folds)[watched]);
    }

    private static double[] LeakyOof(DataMatrix p, double[] y, FoldAssignment folds)
    {
        var (lower, upper) = ClippedRegressor.Bounds(p, 0.05);
        var design = new DataMatrix(p.Rows, p.Columns);
        for (int i = 0; i < p.Rows; i++)
        {
            for (int j = 0; j < p.Columns; j++)
            {
                design[i, j] = Math.Clamp(p[i, j], lower[j], upper[j]);
            }
        }
        return OutOfFold.Predict(new StandardizedRegressor(new RidgeRegressor(new RidgeOptions { Alpha = 50 })), design, y, folds);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(double.NaN)]
    public void ClipQuantile_OutsideZeroToHalf_IsRejected_WithTheParameterName(double q)
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(23, 60, noisy: 2);
        var error = Assert.Throws<ArgumentException>(() => new StackingPipeline(new StackingPipelineOptions { ClipQuantile = q }).Fit(p, y));
        Assert.Equal("ClipQuantile", error.ParamName);
        Assert.Contains("[0, 0.5)", error.Message);
        Assert.Equal("ClipQuantile", Assert.Throws<ArgumentException>(() => new ClippedRegressor(new RidgeRegressor(), q).Fit(p, y, default)).ParamName);
    }

    [Fact]
    public void ClipQuantile_Default_IsOnePerMille_AndZeroSwitchesClippingOff()
    {
        Assert.Equal(0.001, new StackingPipelineOptions().ClipQuantile);
        var (p, y) = StackingFixtures.StrongAndNoisy(24, 80, noisy: 2);
        var ridge = new StackingPipelineOptions { MetaModels = [MetaModelKind.Ridge] };
        Assert.True(new StackingPipeline(ridge).Fit(p, y).Stack.Clips);
        var off = new StackingPipeline(ridge with { ClipQuantile = 0 }).Fit(p, y);
        Assert.False(off.Stack.Clips);
        // Off is exactly the unclipped pipeline: the meta-model is the standardised regressor on the raw design.
        var design = MetaFeatures.Append(p.SelectColumns([.. off.Kept]));
        var expected = OutOfFold.Predict(new StandardizedRegressor(new SearchRegressor(MetaModelKind.Ridge)), design, y, off.OuterFolds);
        Assert.Equal(expected, off.MetaModels[0].OofPredictions);
    }
}
