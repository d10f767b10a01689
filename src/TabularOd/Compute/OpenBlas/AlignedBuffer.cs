using System.Runtime.InteropServices;

namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// Native memory whose first element sits on a 64-byte boundary, for every buffer handed to LAPACK.
/// </summary>
/// <remarks>
/// Some OpenBLAS kernels (the dot and matrix–vector products inside LAPACK's unblocked steps) peel leading
/// elements until they reach an aligned address, so the same numbers summed from a differently aligned
/// address round differently. Managed arrays are only 8-byte aligned and move between runs; copying into
/// buffers that always start on a cache line makes the results a function of the numbers alone.
/// </remarks>
internal sealed unsafe class AlignedBuffer<T> : IDisposable
    where T : unmanaged
{
    private const nuint Alignment = 64;

    internal AlignedBuffer(int length)
    {
        Length = length;
        Pointer = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * (nuint)sizeof(T), Alignment);
    }

    /// <summary>A buffer holding a copy of <paramref name="values"/>.</summary>
    internal AlignedBuffer(ReadOnlySpan<T> values)
        : this(values.Length)
    {
        values.CopyTo(Span);
    }

    internal T* Pointer { get; private set; }

    internal int Length { get; }

    internal Span<T> Span => new(Pointer, Length);

    public void Dispose()
    {
        if (Pointer != null)
        {
            NativeMemory.AlignedFree(Pointer);
            Pointer = null;
        }
    }
}
