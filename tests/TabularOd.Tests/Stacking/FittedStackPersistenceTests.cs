using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class FittedStackPersistenceTests
{
    [Fact]
    public void SaveLoad_RoundTrip_GivesBitIdenticalPredictions()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(11, 100, noisy: 3, copies: 1);
        var stack = new StackingPipeline().Fit(p, y).Stack;
        var (fresh, _) = StackingFixtures.StrongAndNoisy(12, 40, noisy: 3, copies: 1);

        using var stream = new MemoryStream();
        stack.Save(stream);
        stream.Position = 0;
        var loaded = FittedStack.Load(stream);

        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal(stack.BaseModels, loaded.BaseModels);
        Assert.Equal(stack.Kept, loaded.Kept);
        Assert.Equal(stack.UseMetaFeatures, loaded.UseMetaFeatures);
        Assert.Equal(stack.MetaModelNames, loaded.MetaModelNames);
        Assert.Equal(stack.BlendWeights, loaded.BlendWeights);
        Assert.True(stack.Clips);
        Assert.True(loaded.Clips);
        Assert.Equal(stack.ClipLower.Select(BitConverter.DoubleToInt64Bits), loaded.ClipLower.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(stack.ClipUpper.Select(BitConverter.DoubleToInt64Bits), loaded.ClipUpper.Select(BitConverter.DoubleToInt64Bits));
        var before = stack.Predict(fresh);
        var after = loaded.Predict(fresh);
        Assert.Equal(before.Select(BitConverter.DoubleToInt64Bits), after.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void SaveLoad_RoundTrip_WithClippingOff_GivesBitIdenticalPredictions()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(15, 100, noisy: 3, copies: 1);
        var stack = new StackingPipeline(new StackingPipelineOptions { ClipQuantile = 0, MetaModels = [MetaModelKind.Ridge] }).Fit(p, y).Stack;
        Assert.False(stack.Clips);
        Assert.Empty(stack.ClipLower);
        var (fresh, _) = StackingFixtures.StrongAndNoisy(16, 40, noisy: 3, copies: 1);
        using var stream = new MemoryStream();
        stack.Save(stream);
        stream.Position = 0;
        var loaded = FittedStack.Load(stream);
        Assert.Equal(stream.Length, stream.Position);
        Assert.False(loaded.Clips);
        Assert.Equal(stack.Predict(fresh).Select(BitConverter.DoubleToInt64Bits), loaded.Predict(fresh).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Load_ReadsAVersion1File_AsAStackWithoutClipping()
    {
        // A version 1 file is a version 2 file without clipping, minus the clipping flag after the meta-feature flag.
        var (p, y) = StackingFixtures.StrongAndNoisy(17, 100, noisy: 3);
        var stack = new StackingPipeline(new StackingPipelineOptions { ClipQuantile = 0, MetaModels = [MetaModelKind.Ridge] }).Fit(p, y).Stack;
        using var stream = new MemoryStream();
        stack.Save(stream);
        var bytes = stream.ToArray();
        int flag = 8 + 4 + 4 + 4 + (4 * stack.Kept.Count) + 1;
        Assert.Equal(0, bytes[flag]);
        byte[] v1 = [.. bytes[..flag], .. bytes[(flag + 1)..]];
        BitConverter.GetBytes(1).CopyTo(v1, 8);

        var loaded = FittedStack.Load(new MemoryStream(v1));
        Assert.False(loaded.Clips);
        Assert.Equal(stack.Kept, loaded.Kept);
        Assert.Equal(stack.Predict(p).Select(BitConverter.DoubleToInt64Bits), loaded.Predict(p).Select(BitConverter.DoubleToInt64Bits));

        var zero = (byte[])v1.Clone();
        BitConverter.GetBytes(0).CopyTo(zero, 8);
        Assert.Contains("version 0 is not supported", Assert.Throws<InvalidDataException>(() => FittedStack.Load(new MemoryStream(zero))).Message);
    }

    [Fact]
    public void Load_RejectsInconsistentClippingBounds()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(18, 60, noisy: 2);
        var stack = new StackingPipeline(new StackingPipelineOptions { MetaModels = [MetaModelKind.Ridge] }).Fit(p, y).Stack;
        Assert.True(stack.Clips);
        using var stream = new MemoryStream();
        stack.Save(stream);
        var bytes = stream.ToArray();
        // Make the first lower bound +∞ (after the flag and the lower bounds' length).
        int first = 8 + 4 + 4 + 4 + (4 * stack.Kept.Count) + 1 + 1 + 4;
        BitConverter.GetBytes(double.PositiveInfinity).CopyTo(bytes, first);
        Assert.Contains("inconsistent", Assert.Throws<InvalidDataException>(() => FittedStack.Load(new MemoryStream(bytes))).Message);
    }

    [Fact]
    public void Load_RejectsAForeignStream()
    {
        using var stream = new MemoryStream("TABODMDL and more bytes"u8.ToArray());
        Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => FittedStack.Load(stream)).Message);
    }

    [Fact]
    public void Load_RejectsANewerVersion_AndATruncatedFile()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(13, 60, noisy: 2);
        var stack = new StackingPipeline(new StackingPipelineOptions { MetaModels = [MetaModelKind.Ridge] }).Fit(p, y).Stack;
        using var stream = new MemoryStream();
        stack.Save(stream);
        var bytes = stream.ToArray();

        var newer = (byte[])bytes.Clone();
        BitConverter.GetBytes(FittedStack.FormatVersion + 1).CopyTo(newer, 8);
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => FittedStack.Load(new MemoryStream(newer))).Message);

        var truncated = bytes[..(bytes.Length - 5)];
        Assert.ThrowsAny<IOException>(() => FittedStack.Load(new MemoryStream(truncated)));
    }

    [Fact]
    public void Constructor_RejectsInconsistentParts()
    {
        var model = new StandardizedModel([0.0, 0.0], [1.0, 1.0], new LinearModel([1.0, 2.0], 0));
        Assert.Equal("kept", Assert.Throws<ArgumentException>(() => new FittedStack(2, [1, 0], false, ["m"], [1.0], [model])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new FittedStack(3, [0, 1, 2], false, ["m"], [1.0], [model])).ParamName);
        var stack = new FittedStack(3, [0, 2], false, ["m"], [1.0], [model]);
        Assert.Equal([1.0 + 6.0], stack.Predict(DataMatrix.FromArray(new double[,] { { 1, 100, 3 } })));

        Assert.Equal("clipUpper", Assert.Throws<ArgumentException>(() => new FittedStack(3, [0, 2], false, ["m"], [1.0], [model], [0.0, 0.0], null)).ParamName);
        Assert.Equal("clipLower", Assert.Throws<ArgumentException>(() => new FittedStack(3, [0, 2], false, ["m"], [1.0], [model], [0.0], [1.0])).ParamName);
        Assert.Equal("clipLower", Assert.Throws<ArgumentException>(() => new FittedStack(3, [0, 2], false, ["m"], [1.0], [model], [0.0, 2.0], [1.0, 1.0])).ParamName);
        var clipped = new FittedStack(3, [0, 2], false, ["m"], [1.0], [model], [0.0, -1.0], [2.0, 2.0]);
        // Column 0: 5 → 2; column 2: 3 → 2; then 2 + 2·2.
        Assert.Equal([2.0 + 4.0], clipped.Predict(DataMatrix.FromArray(new double[,] { { 5, 100, 3 } })));
        Assert.Equal([1.0 + 2.0], clipped.Predict(DataMatrix.FromArray(new double[,] { { 1, 100, 1 } })));
    }
}
