using System.Text;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Stacking;

/// <summary>
/// A stack refitted on all rows: which base-model columns it reads, whether it appends the meta-features, the
/// optional clipping bounds of the meta-design, and its meta-models (standardisation + linear model) with their
/// blend weights. Predicting needs a prediction matrix with
/// the same base-model columns, in the same order, as the one it was fitted on.
/// </summary>
/// <remarks>
/// The file format (<see cref="Save"/>, <see cref="Load"/>) is little-endian binary: magic "TABODSTK", format
/// version, base-model count, kept columns, the meta-feature flag, (from version 2) a clipping flag followed, when
/// set, by the lower and upper bounds of every design column, then per meta-model its name, blend weight, means,
/// scales, coefficients and intercept, written with the detectors' <see cref="ModelWriter"/>. Doubles are stored bit
/// for bit, so a loaded stack predicts exactly what the saved one did. Version 1 files (written before clipping
/// existed) still load, as stacks without clipping, which is how they were fitted.
/// </remarks>
public sealed class FittedStack
{
    /// <summary>The stack file format written by this build.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest stack file format this build still reads (version 1: no clipping bounds).</summary>
    public const int OldestReadableFormatVersion = 1;

    private static readonly byte[] Magic = "TABODSTK"u8.ToArray();

    private readonly int[] _kept;
    private readonly string[] _names;
    private readonly double[] _weights;
    private readonly StandardizedModel[] _models;
    private readonly double[]? _clipLower;
    private readonly double[]? _clipUpper;

    /// <summary>
    /// A stack over <paramref name="baseModels"/> base-model columns reading <paramref name="kept"/>, with one
    /// standardised linear model per meta-model and its blend weight, without clipping.
    /// </summary>
    public FittedStack(int baseModels, ReadOnlySpan<int> kept, bool useMetaFeatures, IReadOnlyList<string> names, ReadOnlySpan<double> weights, IReadOnlyList<StandardizedModel> models)
        : this(baseModels, kept, useMetaFeatures, names, weights, models, null, null)
    {
    }

    /// <summary>
    /// A stack over <paramref name="baseModels"/> base-model columns reading <paramref name="kept"/>, with one
    /// standardised linear model per meta-model and its blend weight; when <paramref name="clipLower"/> and
    /// <paramref name="clipUpper"/> are given (both or neither), every design column is clipped to them before the
    /// meta-models see it.
    /// </summary>
    public FittedStack(int baseModels, ReadOnlySpan<int> kept, bool useMetaFeatures, IReadOnlyList<string> names, ReadOnlySpan<double> weights,
        IReadOnlyList<StandardizedModel> models, IReadOnlyList<double>? clipLower, IReadOnlyList<double>? clipUpper)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(models);
        StackingArguments.AtLeast(baseModels, 1, nameof(baseModels), nameof(FittedStack));
        if (kept.IsEmpty)
        {
            throw new ArgumentException("A stack needs at least one kept base model.", nameof(kept));
        }
        for (int k = 0; k < kept.Length; k++)
        {
            if ((uint)kept[k] >= (uint)baseModels || (k > 0 && kept[k] <= kept[k - 1]))
            {
                throw new ArgumentException($"Kept columns must be ascending and below {baseModels}. Got {kept[k]} at position {k}.", nameof(kept));
            }
        }
        if (models.Count == 0 || names.Count != models.Count || weights.Length != models.Count)
        {
            throw new ArgumentException(
                $"A stack needs one name and one weight per meta-model, and at least one. Got {names.Count} names, {weights.Length} weights, {models.Count} models.",
                nameof(models));
        }
        int columns = kept.Length + (useMetaFeatures ? MetaFeatures.Count : 0);
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            if (model.Columns != columns || model.Model is not LinearModel)
            {
                throw new ArgumentException($"Every meta-model must be linear on the {columns} design columns.", nameof(models));
            }
        }
        if ((clipLower is null) != (clipUpper is null))
        {
            throw new ArgumentException("Clipping needs both lower and upper bounds, or neither.", clipLower is null ? nameof(clipLower) : nameof(clipUpper));
        }
        if (clipLower is not null && clipUpper is not null)
        {
            try
            {
                ClippedModel.CheckBounds([.. clipLower], [.. clipUpper], columns);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(e.Message, nameof(clipLower), e);
            }
            _clipLower = [.. clipLower];
            _clipUpper = [.. clipUpper];
        }
        BaseModels = baseModels;
        _kept = kept.ToArray();
        UseMetaFeatures = useMetaFeatures;
        _names = [.. names];
        _weights = weights.ToArray();
        _models = [.. models];
    }

    /// <summary>The number of base-model columns a prediction matrix must have.</summary>
    public int BaseModels { get; }

    /// <summary>The base-model columns the meta-models read, ascending.</summary>
    public IReadOnlyList<int> Kept => _kept;

    /// <summary>Whether the meta-features of the kept columns are appended.</summary>
    public bool UseMetaFeatures { get; }

    /// <summary>Whether the design columns are clipped to <see cref="ClipLower"/> / <see cref="ClipUpper"/>.</summary>
    public bool Clips => _clipLower is not null;

    /// <summary>Per design column, the lower clipping bound (empty when <see cref="Clips"/> is false).</summary>
    public IReadOnlyList<double> ClipLower => _clipLower ?? [];

    /// <summary>Per design column, the upper clipping bound (empty when <see cref="Clips"/> is false).</summary>
    public IReadOnlyList<double> ClipUpper => _clipUpper ?? [];

    /// <summary>The meta-models' names.</summary>
    public IReadOnlyList<string> MetaModelNames => _names;

    /// <summary>The blend weights, one per meta-model.</summary>
    public IReadOnlyList<double> BlendWeights => _weights;

    /// <summary>The meta-models; each one's <see cref="StandardizedModel.Model"/> is a <see cref="LinearModel"/>.</summary>
    public IReadOnlyList<StandardizedModel> MetaModels => _models;

    /// <summary>The stack's prediction for every row of <paramref name="predictions"/> (rows × base models).</summary>
    public double[] Predict(DataMatrix predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Columns != BaseModels)
        {
            throw new ArgumentException(
                $"The stack was fitted on {BaseModels} base-model columns. Got a prediction matrix with {predictions.Columns}.", nameof(predictions));
        }
        var design = Design(predictions, _kept, UseMetaFeatures, ComputeParallelism.DefaultDegree);
        if (_clipLower is not null && _clipUpper is not null)
        {
            design = ClippedModel.Transform(design, _clipLower, _clipUpper);
        }
        var result = new double[predictions.Rows];
        for (int m = 0; m < _models.Length; m++)
        {
            Accumulate(result, _weights[m], _models[m].Predict(design));
        }
        return result;
    }

    /// <summary>Writes the stack to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var binary = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var writer = new ModelWriter(binary);
        binary.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(BaseModels);
        writer.Write((ReadOnlySpan<int>)_kept);
        writer.Write(UseMetaFeatures);
        writer.Write(Clips);
        if (_clipLower is not null && _clipUpper is not null)
        {
            writer.Write((ReadOnlySpan<double>)_clipLower);
            writer.Write((ReadOnlySpan<double>)_clipUpper);
        }
        writer.Write(_models.Length);
        for (int m = 0; m < _models.Length; m++)
        {
            var linear = (LinearModel)_models[m].Model;
            writer.Write(_names[m]);
            writer.Write(_weights[m]);
            writer.Write((ReadOnlySpan<double>)[.. _models[m].Mean]);
            writer.Write((ReadOnlySpan<double>)[.. _models[m].Scale]);
            writer.Write((ReadOnlySpan<double>)[.. linear.Coefficients]);
            writer.Write(linear.Intercept);
        }
    }

    /// <summary>Reads a stack written by <see cref="Save"/>; a damaged or foreign stream is an <see cref="InvalidDataException"/>.</summary>
    public static FittedStack Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var binary = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var reader = new ModelReader(binary);
        var magic = binary.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a TabularOd stack file (bad magic).");
        }
        int version = reader.ReadInt32();
        if (version < OldestReadableFormatVersion || version > FormatVersion)
        {
            throw new InvalidDataException(
                $"stack format version {version} is not supported; this build reads versions {OldestReadableFormatVersion} to {FormatVersion}.");
        }
        int baseModels = reader.ReadInt32();
        var kept = reader.ReadInt32s();
        bool useMetaFeatures = reader.ReadBoolean();
        double[]? clipLower = null, clipUpper = null;
        if (version >= 2 && reader.ReadBoolean())
        {
            clipLower = reader.ReadDoubles();
            clipUpper = reader.ReadDoubles();
        }
        int count = reader.ReadInt32();
        if (count < 1 || count > 1024)
        {
            throw new InvalidDataException($"a stack of {count} meta-models is not valid.");
        }
        var names = new string[count];
        var weights = new double[count];
        var models = new StandardizedModel[count];
        try
        {
            for (int m = 0; m < count; m++)
            {
                names[m] = reader.ReadString();
                weights[m] = reader.ReadDouble();
                var mean = reader.ReadDoubles();
                var scale = reader.ReadDoubles();
                var coefficients = reader.ReadDoubles();
                double intercept = reader.ReadDouble();
                models[m] = new StandardizedModel(mean, scale, new LinearModel(coefficients, intercept));
            }
            return new FittedStack(baseModels, kept, useMetaFeatures, names, weights, models, clipLower, clipUpper);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the stack file is inconsistent: {e.Message}", e);
        }
    }

    internal static DataMatrix Design(DataMatrix predictions, int[] kept, bool useMetaFeatures, int maxDegreeOfParallelism)
    {
        var selected = kept.Length == predictions.Columns ? predictions : predictions.SelectColumns(kept);
        return useMetaFeatures ? MetaFeatures.Append(selected, maxDegreeOfParallelism) : selected;
    }

    internal static void Accumulate(double[] sum, double weight, double[] prediction)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += weight * prediction[i];
        }
    }
}
