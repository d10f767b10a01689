using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class FeatureShiftTests
{
    [Fact]
    public void TheMovedFeatureRanksFirst()
    {
        var random = new SeededRandom(8);
        DataMatrix Sample(int rows, double shift)
        {
            var m = new DataMatrix(rows, 3);
            for (int i = 0; i < rows; i++)
            {
                m[i, 0] = random.NextGaussian();
                m[i, 1] = random.NextGaussian() + shift;
                m[i, 2] = 7;
            }
            return m;
        }

        var drifts = FeatureShift.Rank(Sample(300, 0), Sample(200, 1.5));

        Assert.Equal(1, drifts[0].Feature);
        Assert.True(drifts[0].Auroc > 0.8);
        Assert.InRange(drifts[0].StandardizedMeanDifference, 1.2, 1.8);
        var constant = drifts.Single(d => d.Feature == 2);
        Assert.Equal(0.5, constant.Auroc);
        Assert.Equal(0.0, constant.StandardizedMeanDifference);
    }

    [Fact]
    public void DisjointValuesGiveAurocOne()
    {
        var train = DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 } });
        var test = DataMatrix.FromArray(new double[,] { { 5 }, { 6 } });

        var drift = Assert.Single(FeatureShift.Rank(train, test));

        Assert.Equal(1.0, drift.Auroc);
        Assert.Equal(0.5, drift.Separation);
    }
}
