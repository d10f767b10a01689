namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Σ(x − y)² computed directly, in double, with the magnitude its error is measured against.</summary>
public static class NaiveDistances
{
    /// <summary>
    /// The n×m squared distances between the rows of x and y, and for each pair ‖x‖² + ‖y‖² (at least 1 when
    /// both are zero-free, so tiny inputs still get an absolute floor): the size of the terms that any
    /// ‖x‖² + ‖y‖² − 2x·y formulation cancels.
    /// </summary>
    public static (double[] Squared, double[] Scale) Compute(double[] x, int n, double[] y, int m, int d)
    {
        var squared = new double[n * m];
        var scale = new double[n * m];
        var xNorms = Norms(x, n, d);
        var yNorms = Norms(y, m, d);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                squared[i * m + j] = Between(x, i, y, j, d);
                scale[i * m + j] = xNorms[i] + yNorms[j];
            }
        }
        return (squared, scale);
    }

    /// <summary>Σ(x_i − y_j)² for one pair of rows.</summary>
    public static double Between(double[] x, int i, double[] y, int j, int d)
    {
        double sum = 0;
        for (int f = 0; f < d; f++)
        {
            double diff = x[i * d + f] - y[j * d + f];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>‖row‖² of every row.</summary>
    public static double[] Norms(double[] x, int n, int d)
    {
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < d; f++)
            {
                norms[i] += x[i * d + f] * x[i * d + f];
            }
        }
        return norms;
    }
}
