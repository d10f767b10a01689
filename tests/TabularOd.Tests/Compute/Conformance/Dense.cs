namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Plain row-major double helpers for building inputs and checking results; deliberately naive.</summary>
public static class Dense
{
    /// <summary>The rows×cols product of a (rows×inner) and b (inner×cols).</summary>
    public static double[] Multiply(ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> b, int cols)
    {
        var c = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int p = 0; p < inner; p++)
            {
                double aip = a[i * inner + p];
                for (int j = 0; j < cols; j++)
                {
                    c[i * cols + j] += aip * b[p * cols + j];
                }
            }
        }
        return c;
    }

    /// <summary>The cols×rows transpose of a rows×cols matrix.</summary>
    public static double[] Transpose(ReadOnlySpan<double> a, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /// <summary>Copies the lower triangle onto the upper one, so rounding cannot leave the matrix unsymmetric.</summary>
    public static void Symmetrize(Span<double> a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[j * n + i] = a[i * n + j];
            }
        }
    }

    /// <summary>The largest absolute value (0 for an empty span).</summary>
    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double max = 0;
        foreach (double v in a)
        {
            max = Math.Max(max, Math.Abs(v));
        }
        return max;
    }

    /// <summary>The index of the largest-magnitude entry of column j (the first if several tie), and the runner-up's magnitude.</summary>
    public static (int Row, double Runner) ColumnArgMaxAbs(ReadOnlySpan<double> a, int rows, int cols, int j)
    {
        int best = 0;
        double bestValue = -1, runner = -1;
        for (int i = 0; i < rows; i++)
        {
            double v = Math.Abs(a[i * cols + j]);
            if (v > bestValue)
            {
                runner = bestValue;
                bestValue = v;
                best = i;
            }
            else if (v > runner)
            {
                runner = v;
            }
        }
        return (best, runner);
    }
}
