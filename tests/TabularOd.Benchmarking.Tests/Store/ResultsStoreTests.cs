using TabularOd.Tests.Support;
using Microsoft.Data.Sqlite;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Tests.Store;

public class ResultsStoreTests
{
    private static (BenchmarkSuite Suite, string Folder) Setup(int datasets = 3) =>
        (BenchmarkSuite.Load(TinySuite.Create(datasets)), TestPaths.NewTempFolder());

    private static RunnerOptions InProcess => new() { Jobs = 2, Launcher = null, Host = "test" };

    [Fact]
    public void Store_uses_a_write_ahead_log()
    {
        var (_, folder) = Setup(1);
        string path = Path.Combine(folder, "r.db");
        using (ResultsStore.Open(path))
        {
        }
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Merge_is_idempotent_and_prefers_a_finished_cell_to_a_failure()
    {
        var (suite, folder) = Setup();
        var spec = DetectorSpec.Resolve("knn,hbos");
        string a = Path.Combine(folder, "a.db"), b = Path.Combine(folder, "b.db");
        using (var store = ResultsStore.Open(a))
        {
            BenchmarkRunner.Run(suite, spec, new ShardSpec(0, 2), store, InProcess);
        }
        using (var store = ResultsStore.Open(b))
        {
            BenchmarkRunner.Run(suite, spec, new ShardSpec(1, 2), store, InProcess);
            // A failure of a cell that shard a finished: the merge must keep a's result.
            var cell = CellPlan.Shard(CellPlan.Enumerate(suite, spec), new ShardSpec(0, 2))[0];
            store.Write(cell, CellOutcome.Failure(cell.Key, CellStatus.Crashed, "node lost"), "other");
        }
        int n0 = CellPlan.Shard(CellPlan.Enumerate(suite, spec), new ShardSpec(0, 2)).Count;
        using var merged = ResultsStore.Open(Path.Combine(folder, "m.db"));
        Assert.Equal(new MergeSummary(6 - n0 + 1, 0, 0), merged.MergeFrom(b));
        // The crashed cell from b is replaced by a's finished one and counts as added.
        Assert.Equal(new MergeSummary(n0, 0, 0), merged.MergeFrom(a));
        Assert.Equal(6, merged.RecordedKeys(okOnly: true).Count);
        Assert.Equal(new MergeSummary(0, n0, 0), merged.MergeFrom(a));
        Assert.Equal(6, merged.ReadCells().Count);
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_naming_it()
    {
        var (_, folder) = Setup(1);
        string path = Path.Combine(folder, "not.db");
        File.WriteAllText(path, "hello, this is not SQLite");
        var e = Assert.Throws<DataFileException>(() => ResultsStore.Open(path));
        Assert.Contains("not.db", e.Message);
        Assert.Throws<DataFileException>(() => ResultsStore.Open(Path.Combine(folder, "missing.db"), create: false));
    }

    [Fact]
    public void Merging_a_file_that_is_not_a_store_fails_naming_it_and_leaves_it_unchanged()
    {
        var (_, folder) = Setup(1);
        string other = Path.Combine(folder, "other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes(text TEXT)";
            command.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(other);
        using var store = ResultsStore.Open(Path.Combine(folder, "r.db"));
        var e = Assert.Throws<DataFileException>(() => store.MergeFrom(other));
        Assert.Contains("other.db", e.Message);
        Assert.Equal(before, File.ReadAllBytes(other));
        Assert.Empty(store.ReadCells());
    }
}
