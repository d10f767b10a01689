using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Npy;

/// <summary>
/// Every real dataset in <c>../shared/datasets</c> loads, and its contents agree with the counts the benchmark's
/// authors stored beside them. The folder is absent outside the project's machines; the tests then pass vacuously.
/// </summary>
public class SharedDatasetsTests
{
    private static IReadOnlyList<string> Files(params string[] parts)
    {
        string folder = Path.Combine([TestPaths.SharedDatasets, .. parts]);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.npz").Order(StringComparer.Ordinal).ToArray() : [];
    }

    [Fact]
    public void EveryAdbenchFileLoadsAsALabelledTable()
    {
        foreach (string path in Files("adbench"))
        {
            var file = DataReader.Read(path);
            var table = file.Table ?? throw new Xunit.Sdk.XunitException($"{path} did not read as a table");
            Assert.True(table.Rows > 0 && table.Columns > 0, path);
            Assert.NotNull(table.Labels);
            Assert.Equal(table.Rows, table.Labels.Length);
            Assert.InRange(table.OutlierCount!.Value, 1, table.Rows - 1);
        }
    }

    [Fact]
    public void EveryMacrODataFileLoadsAndMatchesItsOwnCounts()
    {
        var files = Files("macrodata", "oddbench").Concat(Files("macrodata", "ovrbench")).ToArray();
        foreach (string path in files)
        {
            var file = DataReader.Read(path);
            var pair = file.Pair ?? throw new Xunit.Sdk.XunitException($"{path} did not read as a pair");
            Assert.NotNull(pair.Train.Labels);
            Assert.NotNull(pair.Test.Labels);
            Assert.True(pair.Train.Labels.All(l => l == 0), $"{path}: train holds outliers");
            long anomalies = (long)pair.Metadata["anomaly_count"], normals = (long)pair.Metadata["normal_count"];
            int testOutliers = pair.Test.OutlierCount!.Value;
            Assert.True(testOutliers == anomalies, $"{path}: {testOutliers} test outliers, anomaly_count {anomalies}");
            long inliers = pair.Train.Rows + (pair.Test.Rows - testOutliers);
            Assert.True(inliers == normals, $"{path}: {inliers} inliers, normal_count {normals}");
            Assert.Equal(pair.Train.Columns, pair.Train.FeatureNames.Count);
            Assert.IsType<double>(pair.Metadata["ifor_auc"]);
            Assert.All(file.Warnings, w => Assert.Equal("skipped 'meta_info': object arrays are not read", w));
        }
        if (files.Length > 0)
        {
            Assert.Equal(699, files.Length);
        }
    }
}
