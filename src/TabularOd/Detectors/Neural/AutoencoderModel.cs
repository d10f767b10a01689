using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Reconstruction;
using TabularOd.Neural;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// A fitted autoencoder ensemble: the standardiser, the trained networks, each network's training-score range, and the
/// mean-shift step when mean-shift scoring is on. Scores rows without changing anything, so it may score from several
/// threads at once.
/// </summary>
/// <remarks>
/// A row's score: z = (x − mean)/scale; target = z, or z mean-shifted; for each network s, raw_s = rule(net_s(z), target)
/// computed by the batch-independent <see cref="SequentialNetwork.ForwardRow"/>; score = (1/S) Σ_s (raw_s − min_s)/range_s
/// with min_s and range_s (1 when zero) of network s's own training scores, summed in network order. Nothing in it looks
/// at another row of the batch, so scoring one row or many gives the same bits.
/// </remarks>
internal sealed class AutoencoderModel
{
    /// <summary>Added to every training standard deviation (SPEC §4), so a constant column divides finitely.</summary>
    public const double ScaleEpsilon = 1e-5;

    private const int BlockRows = 256;

    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly SequentialNetwork[] _members;
    private readonly double[] _minimum;
    private readonly double[] _range;

    private AutoencoderModel(ReconstructionScore rule, double[] mean, double[] scale, SequentialNetwork[] members,
        double[] minimum, double[] maximum, MeanShift? shift)
    {
        Rule = rule;
        _mean = mean;
        _scale = scale;
        _members = members;
        _minimum = minimum;
        Maximum = maximum;
        _range = [.. minimum.Zip(maximum, (low, high) => high > low ? high - low : 1.0)];
        Shift = shift;
    }

    /// <summary>Features per row.</summary>
    public int Features => _mean.Length;

    /// <summary>The training column means.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The training column scales: population standard deviation + <see cref="ScaleEpsilon"/>.</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>How a network's output becomes its raw score.</summary>
    public ReconstructionScore Rule { get; }

    /// <summary>The trained networks, in seed order.</summary>
    public IReadOnlyList<SequentialNetwork> Members => _members;

    /// <summary>Each network's smallest raw training score.</summary>
    public IReadOnlyList<double> Minimum => _minimum;

    /// <summary>Each network's largest raw training score.</summary>
    public IReadOnlyList<double> Maximum { get; }

    /// <summary>The mean-shift step (fitted on the standardised training rows), or null without mean-shift scoring.</summary>
    public MeanShift? Shift { get; }

    /// <summary>
    /// The model of trained <paramref name="members"/> and the ensemble's training scores: each network scores the
    /// standardised training rows <paramref name="z"/> against <paramref name="target"/> (z itself, or the mean-shifted
    /// training rows), its range is kept, and the normalised scores are averaged.
    /// </summary>
    public static (AutoencoderModel Model, double[] TrainingScores) FromTrained(ReconstructionScore rule, double[] mean, double[] scale,
        SequentialNetwork[] members, DataMatrix z, DataMatrix target, MeanShift? shift)
    {
        var raw = RawScores(members, rule, z, target);
        var minimum = raw.Select(scores => scores.Min()).ToArray();
        var maximum = raw.Select(scores => scores.Max()).ToArray();
        var model = new AutoencoderModel(rule, mean, scale, members, minimum, maximum, shift);
        var trainingScores = new double[z.Rows];
        model.Combine(raw, trainingScores);
        return (model, trainingScores);
    }

    /// <summary>The column means and scales (population standard deviation + <see cref="ScaleEpsilon"/>) of <paramref name="train"/>.</summary>
    public static (double[] Mean, double[] Scale) Standardiser(DataMatrix train)
    {
        int n = train.Rows, d = train.Columns;
        var mean = new double[d];
        var scale = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < d; j++)
            {
                double centred = row[j] - mean[j];
                scale[j] += centred * centred;
            }
        }
        for (int j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / n) + ScaleEpsilon;
        }
        return (mean, scale);
    }

    /// <summary>(x − mean)/scale, row by row.</summary>
    public static DataMatrix Standardise(DataMatrix rows, double[] mean, double[] scale)
    {
        var z = new DataMatrix(rows.Rows, rows.Columns);
        for (int i = 0; i < rows.Rows; i++)
        {
            var source = rows.Row(i);
            var target = z.Row(i);
            for (int j = 0; j < target.Length; j++)
            {
                target[j] = (source[j] - mean[j]) / scale[j];
            }
        }
        return z;
    }

    /// <summary>Scores rows that passed the width and finiteness checks.</summary>
    public void Score(DataMatrix rows, Span<double> scores)
    {
        var z = Standardise(rows, _mean, _scale);
        var target = Shift is null ? z : Shift.Shift(z);
        Combine(RawScores(_members, Rule, z, target), scores);
    }

    /// <summary>Writes the standardiser, every network's parameters, the score ranges and the mean-shift step.</summary>
    public void Write(ModelWriter writer)
    {
        writer.Write(_mean);
        writer.Write(_scale);
        writer.Write(_members.Length);
        foreach (var member in _members)
        {
            foreach (var parameter in member.Parameters)
            {
                writer.Write(parameter.Values);
            }
        }
        writer.Write(_minimum);
        writer.Write(Maximum.ToArray());
        writer.Write(Shift is not null);
        Shift?.Write(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote for a model of <paramref name="features"/> features and <paramref name="seeds"/> networks.</summary>
    public static AutoencoderModel Read(ModelReader reader, ReconstructionScore rule, int features, int seeds, bool meanShift)
    {
        var mean = reader.ReadDoubles();
        var scale = reader.ReadDoubles();
        if (features < 1 || mean.Length != features || scale.Length != features)
        {
            throw new InvalidDataException($"The stored autoencoder standardiser does not match its {features} features.");
        }
        int count = reader.ReadInt32();
        if (count != seeds || count < 1)
        {
            throw new InvalidDataException($"The stored autoencoder ensemble holds {count} networks; its options say {seeds}.");
        }
        var members = new SequentialNetwork[count];
        for (int s = 0; s < count; s++)
        {
            members[s] = AutoencoderArchitecture.Build(features, rule.Probabilistic, random: null);
            foreach (var parameter in members[s].Parameters)
            {
                var values = reader.ReadDoubles();
                if (values.Length != parameter.Length)
                {
                    throw new InvalidDataException(
                        $"The stored {parameter.Name} of network {s} holds {values.Length} values; a {features}-feature autoencoder needs {parameter.Length}.");
                }
                values.CopyTo(parameter.Values, 0);
            }
        }
        var minimum = reader.ReadDoubles();
        var maximum = reader.ReadDoubles();
        if (minimum.Length != count || maximum.Length != count)
        {
            throw new InvalidDataException($"The stored autoencoder score ranges do not match its {count} networks.");
        }
        bool hasShift = reader.ReadBoolean();
        if (hasShift != meanShift)
        {
            throw new InvalidDataException($"The stored autoencoder {(hasShift ? "has" : "lacks")} a mean-shift step, but its options say mss={meanShift}.");
        }
        MeanShift? shift = null;
        if (hasShift)
        {
            shift = MeanShift.Read(reader);
            if (shift.ShiftedTraining.Columns != features)
            {
                throw new InvalidDataException($"The stored mean-shift step has {shift.ShiftedTraining.Columns} features; the autoencoder has {features}.");
            }
        }
        return new AutoencoderModel(rule, mean, scale, members, minimum, maximum, shift);
    }

    // raw[s][i]: network s's score of row i; blocks of rows in parallel, each row on its own (ForwardRow).
    private static double[][] RawScores(SequentialNetwork[] members, ReconstructionScore rule, DataMatrix z, DataMatrix target)
    {
        int n = z.Rows;
        var raw = members.Select(_ => new double[n]).ToArray();
        int blocks = (n + BlockRows - 1) / BlockRows;
        ComputeParallelism.For(blocks, ComputeParallelism.DefaultDegree, block =>
        {
            var output = new double[members[0].OutputWidth];
            var scratch = new double[members[0].RowScratchLength];
            int end = Math.Min(n, (block + 1) * BlockRows);
            for (int i = block * BlockRows; i < end; i++)
            {
                for (int s = 0; s < members.Length; s++)
                {
                    members[s].ForwardRow(z.Row(i), output, scratch);
                    raw[s][i] = rule.Of(output, target.Row(i));
                }
            }
        });
        return raw;
    }

    private void Combine(double[][] raw, Span<double> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            double sum = 0;
            for (int s = 0; s < raw.Length; s++)
            {
                sum += (raw[s][i] - _minimum[s]) / _range[s];
            }
            scores[i] = sum / raw.Length;
        }
    }
}
