using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// A regression problem after scikit-learn's <c>_preprocess_data</c> and <c>_rescale_data</c>: columns and target
/// centred on their (weighted) means, then every row multiplied by √wᵢ. On this design the intercept drops out
/// of the problem, and a weighted least-squares objective becomes an ordinary one, so Ridge and coordinate
/// descent solve exactly the problem scikit-learn solves.
/// </summary>
/// <remarks>
/// The design is stored column after column (column j at [j·n, (j+1)·n)): coordinate descent walks columns, and the
/// same buffer read as a row-major p×n matrix is Xᵀ for the backend's GEMM.
/// </remarks>
internal sealed class CenteredDesign
{
    private CenteredDesign(int rows, int columns, double[] design, double[] target, double[] xOffset, double yOffset, double[] weights)
    {
        Rows = rows;
        Columns = columns;
        Design = design;
        Target = target;
        XOffset = xOffset;
        YOffset = yOffset;
        Weights = weights;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>√wᵢ·(xᵢⱼ − x̄ⱼ), column-major.</summary>
    public double[] Design { get; }

    /// <summary>√wᵢ·(yᵢ − ȳ).</summary>
    public double[] Target { get; }

    /// <summary>The (weighted) column means x̄.</summary>
    public double[] XOffset { get; }

    /// <summary>The (weighted) target mean ȳ.</summary>
    public double YOffset { get; }

    /// <summary>The weights the rows were rescaled with (all ones when unweighted).</summary>
    public double[] Weights { get; }

    /// <summary>The intercept that goes with weights <paramref name="w"/> on the original columns: ȳ − x̄·w.</summary>
    public double Intercept(ReadOnlySpan<double> w)
    {
        double dot = 0;
        for (int j = 0; j < Columns; j++)
        {
            dot += XOffset[j] * w[j];
        }
        return YOffset - dot;
    }

    /// <summary>
    /// Centres and rescales. With <paramref name="weightsSumToRows"/> the weights are first scaled to sum to n, as
    /// scikit-learn's ElasticNet does so that its α keeps the meaning of the unweighted objective; Ridge does not.
    /// </summary>
    public static CenteredDesign Create(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, bool weightsSumToRows)
    {
        int n = x.Rows, p = x.Columns;
        var weights = new double[n];
        if (sampleWeight.IsEmpty)
        {
            weights.AsSpan().Fill(1.0);
        }
        else
        {
            sampleWeight.CopyTo(weights);
            if (weightsSumToRows)
            {
                double total = Sum(weights);
                for (int i = 0; i < n; i++)
                {
                    weights[i] *= n / total;
                }
            }
        }
        double weightSum = Sum(weights);
        var xOffset = new double[p];
        double yOffset = 0;
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < p; j++)
            {
                xOffset[j] += weights[i] * row[j];
            }
            yOffset += weights[i] * y[i];
        }
        for (int j = 0; j < p; j++)
        {
            xOffset[j] /= weightSum;
        }
        yOffset /= weightSum;

        var design = new double[checked(n * p)];
        var target = new double[n];
        for (int i = 0; i < n; i++)
        {
            double root = Math.Sqrt(weights[i]);
            var row = x.Row(i);
            for (int j = 0; j < p; j++)
            {
                design[(j * n) + i] = (row[j] - xOffset[j]) * root;
            }
            target[i] = (y[i] - yOffset) * root;
        }
        return new CenteredDesign(n, p, design, target, xOffset, yOffset, weights);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values)
        {
            s += v;
        }
        return s;
    }
}
