using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class MetaFeaturesTests
{
    [Fact]
    public void EvenRow_MeanStdMedianRangeAndInteractions_ByHand()
    {
        // (1, 3, 2, 10): μ = 4, σ² = (9 + 1 + 4 + 36)/4 = 12.5, median (2 + 3)/2 = 2.5, r = 9.
        var f = MetaFeatures.Compute(DataMatrix.FromArray(new double[,] { { 1, 3, 2, 10 } }));
        double std = Math.Sqrt(12.5);
        Assert.Equal([4, std, 2.5, 9, 4 * std, 9 * std], f.Row(0).ToArray());
    }

    [Fact]
    public void OddRow_UsesTheMiddleValue_AndDdofZero()
    {
        // (5, 1, 3): μ = 3, σ² = (4 + 4 + 0)/3, median 3, r = 4.
        var f = MetaFeatures.Compute(DataMatrix.FromArray(new double[,] { { 5, 1, 3 } }));
        double std = Math.Sqrt(8.0 / 3.0);
        Assert.Equal(3, f[0, 0]);
        Assert.Equal(std, f[0, 1], 15);
        Assert.Equal(3, f[0, 2]);
        Assert.Equal(4, f[0, 3]);
    }

    [Fact]
    public void Append_KeepsTheColumnsFirst_ThenTheSixFeatures()
    {
        var p = DataMatrix.FromArray(new double[,] { { 1, 2 }, { 4, 4 } });
        var design = MetaFeatures.Append(p);
        Assert.Equal(2 + MetaFeatures.Count, design.Columns);
        Assert.Equal([1, 2, 1.5, 0.5, 1.5, 1, 0.75, 0.5], design.Row(0).ToArray());
        Assert.Equal([4, 4, 4, 0, 4, 0, 0, 0], design.Row(1).ToArray());
        Assert.Equal(6, MetaFeatures.Names.Count);
    }

    [Fact]
    public void Append_OnManyRows_IsComputedRowByRow_WhateverTheThreadCount()
    {
        // More rows than one parallel block holds, so the blocks split the rows between threads.
        var random = new TabularOd.Sampling.SeededRandom(5);
        var p = new DataMatrix(5000, 7);
        for (int i = 0; i < p.Rows; i++)
        {
            for (int j = 0; j < p.Columns; j++)
            {
                p[i, j] = random.NextGaussian();
            }
        }
        var serial = MetaFeatures.Append(p, 1);
        var parallel = MetaFeatures.Append(p, 4);
        var rows = MetaFeatures.Compute(p);
        Assert.Equal(serial.AsSpan().ToArray(), parallel.AsSpan().ToArray());
        for (int i = 0; i < p.Rows; i++)
        {
            Assert.Equal(p.Row(i).ToArray(), serial.Row(i)[..p.Columns].ToArray());
            Assert.Equal(rows.Row(i).ToArray(), serial.Row(i)[p.Columns..].ToArray());
        }
    }
}
