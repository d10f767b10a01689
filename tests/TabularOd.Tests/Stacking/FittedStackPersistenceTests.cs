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
        var before = stack.Predict(fresh);
        var after = loaded.Predict(fresh);
        Assert.Equal(before.Select(BitConverter.DoubleToInt64Bits), after.Select(BitConverter.DoubleToInt64Bits));
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
    }
}
