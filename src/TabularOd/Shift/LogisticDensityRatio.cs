using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors;

namespace TabularOd.Shift;

/// <summary>
/// The discriminative density ratio: a classifier told apart training rows (label 0) from test rows (label 1)
/// gives r(x) = p_test(x)/p_train(x) = (n/t)·P(1 | x)/P(0 | x).
/// </summary>
/// <remarks>
/// <para>
/// Bickel, Brückner and Scheffer, "Discriminative Learning for Differing Training and Test Distributions",
/// ICML 2007, with an L2 logistic regression (<see cref="L2LogisticRegression"/>, C = 1) as the classifier.
/// Training weights β_i = r(x_i) clipped to [0, B] and rescaled to mean 1 over the training rows [ours]
/// (SPEC §6); test weights α ≡ 1; the OOD score of a test row is P(test | x) (SPEC §6).
/// </para>
/// <para>
/// [ours] The basis (<see cref="LogisticBasis"/>, quadratic by default) is standardised on the pooled rows
/// before the fit, so the penalty treats every basis column alike whatever the features' units. O((n + t)·p²)
/// per Newton step for p basis columns: usable where the kernel methods' (n + t)² matrix is not.
/// </para>
/// </remarks>
public static class LogisticDensityRatio
{
    /// <summary>Weights and OOD scores for <paramref name="train"/> against <paramref name="test"/>.</summary>
    public static ShiftWeights Fit(DataMatrix train, DataMatrix test, LogisticDensityRatioOptions? options = null)
    {
        options ??= new LogisticDensityRatioOptions();
        const string method = nameof(LogisticDensityRatio);
        if (!(options.C > 0) || !double.IsFinite(options.C))
        {
            throw OptionCheck.Invalid(nameof(options.C), method, "> 0 and finite", options.C);
        }
        if (!Enum.IsDefined(options.Basis))
        {
            throw OptionCheck.Invalid(nameof(options.Basis), method, "a defined basis", options.Basis);
        }
        OptionCheck.AtLeast(options.Bound, 1, nameof(options.Bound), method);
        ShiftInput.Check(train, test, method);
        int n = train.Rows, t = test.Rows, total = n + t;
        var pooled = DataMatrix.FromRowMajor(total, train.Columns, ShiftInput.Pool(train, test));
        var basis = LogisticBasisExpansion.Expand(pooled, options.Basis);
        var standardised = new StandardScaler().Fit(basis).Transform(basis);
        var labels = new int[total];
        labels.AsSpan(n).Fill(1);
        var model = L2LogisticRegression.Fit(standardised, labels, default, options.C);
        var probabilities = model.Probabilities(standardised);

        var beta = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double p = probabilities[i];
            double ratio = p < 1 ? (double)n / t * p / (1 - p) : double.PositiveInfinity;
            beta[i] = Math.Clamp(ratio, 0, options.Bound);
            sum += beta[i];
        }
        // r > 0 wherever P(1 | x) > 0; a sum that underflowed to 0 leaves the weights uniform.
        for (int i = 0; i < n; i++)
        {
            beta[i] = sum > 0 ? beta[i] * n / sum : 1;
        }
        return new ShiftWeights
        {
            Method = ShiftMethod.Logistic,
            TrainWeights = beta,
            TestWeights = KernelMeanMatching.Filled(t, 1.0),
            TestScores = probabilities[n..],
            Iterations = model.Iterations,
            Converged = model.Converged,
        };
    }

    /// <summary>
    /// P(test | x) re-weighted to equal class priors: n·P/(n·P + t·(1 − P)) = r/(1 + r). 0.5 means "as likely under
    /// either distribution", whatever the two sample sizes, so scores from batches of different sizes compare.
    /// </summary>
    public static double BalancedPosterior(double probability, int trainRows, int testRows)
    {
        double a = trainRows * probability, b = testRows * (1 - probability);
        return a + b > 0 ? a / (a + b) : 0.5;
    }
}
