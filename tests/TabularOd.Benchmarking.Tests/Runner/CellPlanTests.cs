using TabularOd.Tests.Support;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Runner;

public class CellPlanTests
{
    private static readonly Lazy<BenchmarkSuite> Suite = new(() => BenchmarkSuite.Load(TinySuite.Create(9)));

    [Fact]
    public void Enumerates_every_dataset_configuration_and_seed_once()
    {
        var spec = DetectorSpec.Resolve("knn,iforest,hbos") with { Seeds = [0, 1] };
        var cells = CellPlan.Enumerate(Suite.Value, spec);
        // knn and hbos are deterministic (one seed), iforest runs both seeds.
        Assert.Equal(9 * 4, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Key).Distinct().Count());
        // Grouped by dataset so that a worker reuses what it loaded.
        int runs = cells.Where((c, i) => i == 0 || cells[i - 1].Dataset.Id != c.Dataset.Id).Count();
        Assert.Equal(9, runs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_are_disjoint_cover_every_cell_and_are_balanced(int count)
    {
        var cells = CellPlan.Enumerate(Suite.Value, DetectorSpec.Resolve("classical"));
        var shards = Enumerable.Range(0, count).Select(i => CellPlan.Shard(cells, new ShardSpec(i, count))).ToArray();
        var keys = shards.SelectMany(s => s.Select(c => c.Key)).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(cells.Select(c => c.Key).Order(), keys.Order());
        double total = cells.Sum(c => c.Cost.Work), largest = cells.Max(c => c.Cost.Work);
        foreach (var shard in shards)
        {
            // Greedy LPT: no shard exceeds the even share by more than one cell.
            Assert.True(shard.Sum(c => c.Cost.Work) <= (total / count) + largest + 1e-6);
        }
        // A pure function of the plan: computing it again gives the same split.
        Assert.Equal(shards[0].Select(c => c.Key), CellPlan.Shard(cells, new ShardSpec(0, count)).Select(c => c.Key));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    public void Shard_text_parses(string text, int index, int count) => Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("a/b")]
    [InlineData("3")]
    public void Bad_shard_text_names_the_option(string text) =>
        Assert.StartsWith("--shard must be i/N", Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text)).Message);

    [Fact]
    public void Slurm_array_environment_gives_the_shard()
    {
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "3" };
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.FromEnvironment(k => env.GetValueOrDefault(k)));
        Assert.Null(ShardSpec.FromEnvironment(_ => null));
    }
}
