using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TabularOd.Compute.Simd;

/// <summary>128-bit lanes (SSE, AdvSIMD); also the portable fallback, which the BCL emulates in software.</summary>
/// <remarks>
/// The BCL offers fused multiply-add only per element type (there is no generic overload), so it dispatches on
/// typeof(T); the JIT folds the test away for every instantiation.
/// </remarks>
internal readonly struct SimdLanes128<T> : ISimdLanes<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LessThanOrEqualBits(Vector128<T> left, Vector128<T> right) =>
        Vector128.LessThanOrEqual(left, right).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong GreaterThanBits(Vector128<T> left, Vector128<T> right) =>
        Vector128.GreaterThan(left, right).ExtractMostSignificantBits();
}
