namespace TabularOd.Compute.Managed;

/// <summary>
/// Cache block sizes of the managed GEMM (the Goto/BLIS scheme, with the two inner loops swapped for row-major C):
/// a kc×nc panel of B is packed once and read by every task from its core's L2; each task packs an mc×kc block of
/// A, keeps one Mr×kc micro-panel of it in L1 and sweeps it along the B panel, so the kernel writes each C row
/// contiguously. Writing C rows in order, rather than a column of tiles each on its own pages, is what lets a large
/// C (4000×4000) stream to memory without TLB and read-for-ownership stalls.
/// </summary>
/// <remarks>
/// Only <see cref="Kc"/> changes arithmetic (it fixes where a k-sum is split), so it depends on k and the element
/// size alone, never on m, n or the thread count: every C element is summed in the same order whatever the
/// shape of the call around it. mc and nc only regroup independent work.
/// </remarks>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc)
{
    /// <summary>
    /// Largest k-block, as the bytes of a kc×Nr micro-panel of B: 32 KiB gives kc = 256 for both element types,
    /// which measured best (kc 256–384 within noise; 512 slower) and keeps the Mr×kc A micro-panel (12–24 KiB) in L1.
    /// </summary>
    private const int MaxKcBytes = 32 * 1024;

    /// <summary>Target bytes of a packed A block: a unit of parallel work, small enough to stay cached while used.</summary>
    private const int McBytes = 256 * 1024;

    /// <summary>Target bytes of a packed B panel, which each core streams from its L2 cache (0.5–1 MiB measured best).</summary>
    private const int NcBytes = 1024 * 1024;

    /// <summary>Block sizes for a k of <paramref name="k"/> with an mr×nr kernel and elements of <paramref name="elementSize"/> bytes.</summary>
    public static GemmBlocking For(int k, int mr, int nr, int elementSize)
    {
        int maxKc = Math.Max(16, MaxKcBytes / (nr * elementSize));
        // Balanced blocks: k = 300 becomes 150 + 150 rather than 256 + 44, so no block runs a short,
        // overhead-dominated k loop.
        int blocks = (k + maxKc - 1) / maxKc;
        int kc = (k + blocks - 1) / blocks;
        int mc = Math.Max(mr, McBytes / (kc * elementSize) / mr * mr);
        int nc = Math.Max(nr, NcBytes / (kc * elementSize) / nr * nr);
        return new GemmBlocking(kc, mc, nc);
    }
}
