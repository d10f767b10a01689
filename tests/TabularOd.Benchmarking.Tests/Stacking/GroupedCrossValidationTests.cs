using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class GroupedCrossValidationTests
{
    /// <summary>Group ids of uneven sizes, not sorted, with gaps between the ids.</summary>
    private static int[] Groups(int groups, int seed)
    {
        var random = new SeededRandom(seed);
        var rows = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            int size = 1 + random.NextInt(40);
            rows.AddRange(Enumerable.Repeat(3 * g + 7, size));
        }
        int[] result = [.. rows];
        random.Shuffle<int>(result);
        return result;
    }

    [Fact]
    public void Grouped_folds_never_split_a_group_and_balance_the_group_count()
    {
        var groups = Groups(23, seed: 1);
        var folds = GroupedKFold.Split(groups, 5, seed: 42);
        Assert.True(GroupedKFold.KeepsGroupsWhole(folds, groups));
        foreach (var group in groups.Distinct())
        {
            Assert.Single(Enumerable.Range(0, groups.Length).Where(i => groups[i] == group).Select(i => folds.FoldOfRow[i]).Distinct());
        }
        var groupsPerFold = Enumerable.Range(0, 5).Select(f => folds.Test(f).ToArray().Select(i => groups[i]).Distinct().Count()).ToArray();
        Assert.Equal(23, groupsPerFold.Sum());
        Assert.InRange(groupsPerFold.Max() - groupsPerFold.Min(), 0, 1);
    }

    [Fact]
    public void Grouped_folds_are_seeded()
    {
        var groups = Groups(12, seed: 2);
        Assert.Equal(GroupedKFold.Split(groups, 3, 1).FoldOfRow, GroupedKFold.Split(groups, 3, 1).FoldOfRow);
        Assert.NotEqual(GroupedKFold.Split(groups, 3, 1).FoldOfRow, GroupedKFold.Split(groups, 3, 2).FoldOfRow);
        Assert.Throws<ArgumentException>(() => GroupedKFold.Split(groups, 13, 0));
    }

    [Fact]
    public void Row_folds_that_split_a_group_are_detected_and_refused_by_the_grouped_cv()
    {
        var groups = Groups(6, seed: 3);
        var rowFolds = KFold.Split(groups.Length, 3, shuffle: true, seed: 0);
        Assert.False(GroupedKFold.KeepsGroupsWhole(rowFolds, groups));
        var random = new SeededRandom(4);
        var x = new DataMatrix(groups.Length, 2);
        var y = new double[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            y[i] = i % 4 == 0 ? 1 : 0;
            x[i, 0] = y[i] + random.NextGaussian();
            x[i, 1] = random.NextGaussian();
        }
        var cv = new GroupedMetaModelCv(new GroupedMetaModelCvOptions { Kind = MetaModelKind.Lasso });
        Assert.Throws<ArgumentException>(() => cv.Fit(x, y, default, groups, rowFolds));
        var fit = cv.Fit(x, y, default, groups, GroupedKFold.Split(groups, 3, 0));
        Assert.True(fit.Model.Coefficients[0] > 0);
    }

    [Fact]
    public void Active_set_steps_reach_the_optimum_plain_descent_reaches_at_a_tight_tolerance()
    {
        // Five strongly correlated score columns, as detector configurations are: plain descent at 1e-12 is the
        // reference; the active-set steps at the default tolerance must give the same scores on the whole grid and the
        // same refitted model.
        var groups = Groups(15, seed: 8);
        var random = new SeededRandom(9);
        var x = new DataMatrix(groups.Length, 5);
        var y = new double[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            double signal = random.NextGaussian();
            y[i] = signal + (0.5 * random.NextGaussian()) > 1 ? 1 : 0;
            for (int j = 0; j < x.Columns; j++)
            {
                x[i, j] = signal + (0.05 * (j + 1) * random.NextGaussian());
            }
        }
        var folds = GroupedKFold.Split(groups, 3, 0);
        GroupedMetaModelCvFit Fit(bool activeSet, double tolerance) => new GroupedMetaModelCv(new GroupedMetaModelCvOptions
        {
            Kind = MetaModelKind.ElasticNet,
            L1Ratios = [0.5, 1.0],
            Criterion = MetaModelCriterion.Rmse,
            ActiveSetSolve = activeSet,
            Tolerance = tolerance,
            MaxIterations = 1_000_000,
        }).Fit(x, y, default, groups, folds);
        var reference = Fit(activeSet: false, tolerance: 1e-12);
        var fit = Fit(activeSet: true, tolerance: ElasticNetOptions.DefaultTolerance);
        Assert.Equal(reference.Alpha, fit.Alpha);
        Assert.Equal(reference.L1Ratio, fit.L1Ratio);
        for (int r = 0; r < reference.Scores.Count; r++)
        {
            for (int a = 0; a < reference.Scores[r].Count; a++)
            {
                Assert.Equal(reference.Scores[r][a], fit.Scores[r][a], 1e-7);
            }
        }
        for (int j = 0; j < x.Columns; j++)
        {
            Assert.Equal(reference.Model.Coefficients[j], fit.Model.Coefficients[j], 1e-6);
        }
        Assert.Equal(reference.Model.Intercept, fit.Model.Intercept, 1e-6);
    }

    [Fact]
    public void The_grouped_auroc_averages_groups_and_ignores_how_groups_compare_with_each_other()
    {
        // Group 0 scores all high, group 1 all low; within each, the outlier scores highest.
        int[] labels = [0, 0, 1, 0, 0, 1];
        int[] groups = [0, 0, 0, 1, 1, 1];
        double[] scores = [0.90, 0.91, 0.95, 0.10, 0.11, 0.15];
        var auroc = new GroupedAuroc(labels, groups);
        Assert.Equal(1.0, auroc.Mean(scores));
        Assert.Equal([1.0, 1.0], auroc.PerGroup(scores));
        // Pooled, the inliers of group 0 outrank the outlier of group 1.
        Assert.True(TabularOd.Evaluation.OutlierMetrics.Auroc(labels, scores) < 1.0);
    }

    [Fact]
    public void Groups_with_one_class_have_no_auroc_and_stay_out_of_the_mean()
    {
        var auroc = new GroupedAuroc([0, 1, 0, 0], [5, 5, 9, 9]);
        Assert.Equal(1, auroc.Groups);
        var perGroup = auroc.PerGroup([0.1, 0.2, 0.3, 0.4]);
        Assert.Equal(1.0, perGroup[0]);
        Assert.True(double.IsNaN(perGroup[1]));
        Assert.Equal(1.0, auroc.Mean([0.1, 0.2, 0.3, 0.4]));
    }
}
