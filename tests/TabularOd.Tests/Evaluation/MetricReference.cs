using TabularOd.Evaluation;

namespace TabularOd.Tests.Evaluation;

/// <summary>
/// Deliberately naive scalar references: pair counting and one pass per distinct threshold, written from
/// the definitions rather than from the sorted-groups code they check.
/// </summary>
internal static class MetricReference
{
    /// <summary>O(n²) Mann–Whitney: wins plus half the ties over all outlier–inlier pairs.</summary>
    public static double? Auroc(int[] labels, double[] scores)
    {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 1)
            {
                continue;
            }
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[j] != 0)
                {
                    continue;
                }
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? null : wins / pairs;
    }

    /// <summary>Average precision by recounting the rows at or above every distinct threshold.</summary>
    public static double? AveragePrecision(int[] labels, double[] scores)
    {
        int positives = labels.Sum();
        if (positives == 0 || positives == labels.Length)
        {
            return null;
        }
        double ap = 0, previousRecall = 0;
        foreach (double t in scores.Distinct().OrderByDescending(v => v))
        {
            var (predicted, truePositives) = CountAtOrAbove(labels, scores, t);
            double recall = truePositives / (double)positives;
            ap += (recall - previousRecall) * truePositives / predicted;
            previousRecall = recall;
        }
        return ap;
    }

    /// <summary>Best F1 as 2·TP / (predicted + positives) at every distinct threshold.</summary>
    public static double BestF1(int[] labels, double[] scores)
    {
        int positives = labels.Sum();
        double best = 0;
        foreach (double t in scores.Distinct())
        {
            var (predicted, truePositives) = CountAtOrAbove(labels, scores, t);
            best = Math.Max(best, 2.0 * truePositives / (predicted + positives));
        }
        return best;
    }

    /// <summary>PyOD's precision@n from a full copy-and-sort of the scores.</summary>
    public static double? PrecisionAtN(int[] labels, double[] scores, int? n)
    {
        int positives = labels.Sum();
        if (positives == 0)
        {
            return null;
        }
        double[] ascending = (double[])scores.Clone();
        Array.Sort(ascending);
        double threshold = NumpyPercentile.OfSorted(ascending, 100 * (1 - ((double)(n ?? positives) / scores.Length)));
        int predicted = 0, truePositives = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > threshold)
            {
                predicted++;
                truePositives += labels[i];
            }
        }
        return predicted == 0 ? 0 : truePositives / (double)predicted;
    }

    private static (int Predicted, int TruePositives) CountAtOrAbove(int[] labels, double[] scores, double threshold)
    {
        int predicted = 0, truePositives = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] >= threshold)
            {
                predicted++;
                truePositives += labels[i];
            }
        }
        return (predicted, truePositives);
    }
}
