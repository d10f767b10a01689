namespace TabularOd.Sampling;

/// <summary>
/// A deterministic pseudo-random source: xoshiro256** (Blackman and Vigna) seeded through SplitMix64.
/// A seed gives the same sequence on every .NET version, operating system and processor.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="System.Random"/> does not promise a stable sequence across .NET versions, and the results of a
/// benchmark run must be reproducible from its seed alone, so the project owns the algorithm. Every derived
/// draw is specified exactly here so that other languages can reproduce it:
/// </para>
/// <list type="bullet">
/// <item><description>The state is four successive SplitMix64 outputs, starting from the seed as a 64-bit
/// two's-complement value.</description></item>
/// <item><description><see cref="NextDouble"/> is the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³.</description></item>
/// <item><description><see cref="NextInt"/> is Lemire's multiply-and-reject method on the top 32 bits of
/// <see cref="NextUInt64"/>; it is exactly uniform, and a rejection costs a further draw.</description></item>
/// <item><description><see cref="Shuffle{T}"/> is Fisher–Yates from the last element down: element i swaps with
/// element <c>NextInt(i + 1)</c>.</description></item>
/// </list>
/// <para>An instance is not thread-safe; give each thread its own, seeded from the run's seed.</para>
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a source whose sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(long seed)
    {
        ulong splitMix = unchecked((ulong)seed);
        _s0 = SplitMix64(ref splitMix);
        _s1 = SplitMix64(ref splitMix);
        _s2 = SplitMix64(ref splitMix);
        _s3 = SplitMix64(ref splitMix);
    }

    private SeededRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// A source started from a raw xoshiro256** state, so the generator can be checked against the
    /// reference implementation's published outputs. The state must not be all zeros.
    /// </summary>
    internal static SeededRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("An all-zero xoshiro256** state only ever produces zeros.");
        }
        return new SeededRandom(s0, s1, s2, s3);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), on the grid of multiples of 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// A standard normal draw by the Box–Muller transform, using two uniforms per call (no cached second
    /// value, so the stream position depends only on the number of calls).
    /// </summary>
    public double NextGaussian()
    {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        uint range = (uint)bound;
        ulong product = (ulong)NextUInt32() * range;
        uint low = (uint)product;
        if (low < range)
        {
            // 2^32 mod range: the count of 32-bit draws that would over-represent the low results.
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * range;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Puts <paramref name="values"/> in a uniformly random order (Fisher–Yates), in place.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    // The high bits of xoshiro256** are its strongest.
    private uint NextUInt32() => (uint)(NextUInt64() >> 32);

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
