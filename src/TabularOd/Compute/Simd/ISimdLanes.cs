using System.Numerics;

namespace TabularOd.Compute.Simd;

/// <summary>
/// The vector operations the compute kernels need, abstracted over the register width so that one kernel source
/// serves <c>Vector512</c>, <c>Vector256</c> and <c>Vector128</c>. Implemented by structs, so the JIT specialises
/// and inlines every call: the abstraction costs nothing at run time.
/// </summary>
/// <typeparam name="TVec">The hardware vector type.</typeparam>
/// <typeparam name="T">The element type (<see cref="float"/> or <see cref="double"/>).</typeparam>
internal interface ISimdLanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The all-zero vector.</summary>
    static abstract TVec Zero { get; }

    /// <summary>Loads <see cref="Count"/> elements starting at <paramref name="source"/>.</summary>
    static abstract TVec Load(ref T source);

    /// <summary>Stores <see cref="Count"/> elements starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TVec value, ref T destination);

    /// <summary>A vector with every lane equal to <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(T value);

    /// <summary>left·right + addend with a single rounding.</summary>
    static abstract TVec FusedMultiplyAdd(TVec left, TVec right, TVec addend);

    /// <summary>left·right.</summary>
    static abstract TVec Multiply(TVec left, TVec right);

    /// <summary>left + right.</summary>
    static abstract TVec Add(TVec left, TVec right);

    /// <summary>Bit i set where lane i of left ≤ lane i of right (false for NaN).</summary>
    static abstract ulong LessThanOrEqualBits(TVec left, TVec right);

    /// <summary>Bit i set where lane i of left &gt; lane i of right (false for NaN).</summary>
    static abstract ulong GreaterThanBits(TVec left, TVec right);
}
