using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Stacking;

/// <summary>
/// Bagged ensemble selection (SPEC §9): hill climbing repeated on random halves of the library and the weights
/// averaged. A model only wins weight if it helps in many sub-libraries, which damps the hold-out overfitting of a
/// single greedy run when the library holds many near-duplicate models.
/// </summary>
/// <remarks>
/// Bag b's models are the first ⌈fraction·M⌉ of a Fisher–Yates permutation drawn from one
/// <see cref="SeededRandom"/> seeded with <see cref="HillClimbingOptions.Seed"/>, all bags drawn in order before
/// any is run, then sorted ascending so that ties still go to the lower library index. Same seed, same weights,
/// whatever the thread count.
/// </remarks>
public sealed class BaggedHillClimbing(HillClimbingOptions options)
{
    /// <summary>Bagging with the default options (20 bags on halves, seed 0).</summary>
    public BaggedHillClimbing()
        : this(new HillClimbingOptions())
    {
    }

    /// <summary>The options as given.</summary>
    public HillClimbingOptions Options => options;

    /// <summary>Selects from the library whose hold-out predictions are the columns of <paramref name="predictions"/>.</summary>
    public BaggedHillClimbingResult Select(DataMatrix predictions, ReadOnlySpan<double> target)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check(nameof(BaggedHillClimbing));
        var library = Library.Create(predictions, target, nameof(BaggedHillClimbing));
        int m = library.Models;
        int size = Math.Max(1, Math.Min(m, (int)Math.Ceiling(options.BagFraction * m)));

        var random = new SeededRandom(options.Seed);
        var bagModels = new int[options.Bags][];
        var order = new int[m];
        for (int b = 0; b < options.Bags; b++)
        {
            for (int j = 0; j < m; j++)
            {
                order[j] = j;
            }
            random.Shuffle<int>(order);
            bagModels[b] = order[..size];
            Array.Sort(bagModels[b]);
        }

        var weights = new double[m];
        var bags = new HillClimbingResult[options.Bags];
        for (int b = 0; b < options.Bags; b++)
        {
            bags[b] = HillClimbingSelector.Run(library.Subset(bagModels[b]), target, options);
            for (int k = 0; k < size; k++)
            {
                weights[bagModels[b][k]] += bags[b].Weights[k];
            }
        }
        for (int j = 0; j < m; j++)
        {
            weights[j] /= options.Bags;
        }

        var blend = new double[library.Rows];
        for (int j = 0; j < m; j++)
        {
            if (weights[j] != 0)
            {
                var column = library.Column(j);
                for (int i = 0; i < blend.Length; i++)
                {
                    blend[i] += weights[j] * column[i];
                }
            }
        }
        return new BaggedHillClimbingResult(weights, bagModels, bags, options.Loss(target, blend));
    }
}
