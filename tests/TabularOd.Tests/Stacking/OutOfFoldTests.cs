using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class OutOfFoldTests
{
    [Fact]
    public void EachRow_IsPredictedByTheModelFittedOnTheOtherFolds()
    {
        var c = LinearFixtures.Cases["random"];
        var folds = KFold.Split(c.X.Rows, 5, shuffle: true, seed: 7);
        var ridge = new RidgeRegressor(new RidgeOptions { Alpha = 0.5 });
        var oof = OutOfFold.Predict(ridge, c.X, c.Y, folds);
        for (int f = 0; f < folds.Count; f++)
        {
            var train = folds.Train(f).ToArray();
            var model = ridge.Fit(c.X.SelectRows(train), train.Select(i => c.Y[i]).ToArray());
            foreach (int i in folds.Test(f))
            {
                Assert.Equal(model.Predict(c.X.Row(i)), oof[i]);
            }
        }
    }

    [Fact]
    public void SampleWeights_FollowTheirRows()
    {
        var c = LinearFixtures.Cases["weighted"];
        var folds = KFold.Split(c.X.Rows, 3, shuffle: true, seed: 1);
        var ridge = new RidgeRegressor();
        var oof = OutOfFold.Predict(ridge, c.X, c.Y, c.SampleWeight, folds);
        var train = folds.Train(0).ToArray();
        var model = ridge.Fit(c.X.SelectRows(train), train.Select(i => c.Y[i]).ToArray(), train.Select(i => c.SampleWeight[i]).ToArray());
        foreach (int i in folds.Test(0))
        {
            Assert.Equal(model.Predict(c.X.Row(i)), oof[i]);
        }
        Assert.NotEqual(OutOfFold.Predict(ridge, c.X, c.Y, folds), oof);
    }

    [Fact]
    public void FoldsOverOtherRows_AreRejected()
    {
        var x = new DataMatrix(6, 2);
        var ex = Assert.Throws<ArgumentException>(() => OutOfFold.Predict(new RidgeRegressor(), x, new double[6], KFold.Contiguous(5, 2)));
        Assert.Equal("folds", ex.ParamName);
    }
}
