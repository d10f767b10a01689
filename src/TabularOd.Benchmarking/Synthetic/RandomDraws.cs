using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>The few derived draws the generator needs on top of <see cref="SeededRandom"/>.</summary>
internal static class RandomDraws
{
    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double Uniform(this SeededRandom random, double low, double high) => low + ((high - low) * random.NextDouble());

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="high"/>], both ends included.</summary>
    public static int IntInclusive(this SeededRandom random, int low, int high) => low + random.NextInt(high - low + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this SeededRandom random, double p) => random.NextDouble() < p;

    /// <summary>
    /// A new source seeded from this one's next draw. Each stage of a generation (parameters, inliers, outliers,
    /// split) takes its own child, so that how many draws one stage makes never shifts another stage's stream.
    /// </summary>
    public static SeededRandom Child(this SeededRandom random) => new(unchecked((long)random.NextUInt64()));

    /// <summary><paramref name="count"/> distinct indices from [0, <paramref name="range"/>), in increasing order.</summary>
    public static int[] Subset(this SeededRandom random, int range, int count)
    {
        var all = new int[range];
        for (int i = 0; i < range; i++)
        {
            all[i] = i;
        }
        random.Shuffle(all.AsSpan());
        var chosen = all[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>A vector of independent standard normal draws.</summary>
    public static void FillGaussian(this SeededRandom random, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
    }
}
