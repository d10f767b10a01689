namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Unblocked textbook factorizations and solves, in double: the references for Cholesky and LU.</summary>
public static class NaiveFactorizations
{
    /// <summary>The lower Cholesky factor L (A = L·Lᵀ, strict upper triangle zero), or null if a pivot is not positive.</summary>
    public static double[]? Cholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int p = 0; p < j; p++)
            {
                diagonal -= l[j * n + p] * l[j * n + p];
            }
            if (!(diagonal > 0))
            {
                return null;
            }
            double pivot = Math.Sqrt(diagonal);
            l[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int p = 0; p < j; p++)
                {
                    sum -= l[i * n + p] * l[j * n + p];
                }
                l[i * n + j] = sum / pivot;
            }
        }
        return l;
    }

    /// <summary>Solves L·Lᵀ·X = B (n×nrhs) by forward then back substitution.</summary>
    public static double[] CholeskySolve(double[] l, int n, double[] b, int nrhs)
    {
        var x = (double[])b.Clone();
        for (int r = 0; r < nrhs; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = x[i * nrhs + r];
                for (int p = 0; p < i; p++)
                {
                    sum -= l[i * n + p] * x[p * nrhs + r];
                }
                x[i * nrhs + r] = sum / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = x[i * nrhs + r];
                for (int p = i + 1; p < n; p++)
                {
                    sum -= l[p * n + i] * x[p * nrhs + r];
                }
                x[i * nrhs + r] = sum / l[i * n + i];
            }
        }
        return x;
    }

    /// <summary>(L·Lᵀ)⁻¹ by solving against the identity.</summary>
    public static double[] CholeskyInverse(double[] l, int n)
    {
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }
        return CholeskySolve(l, n, identity, n);
    }

    /// <summary>Solves A·X = B by Gaussian elimination with partial pivoting; null if a pivot is exactly zero.</summary>
    public static double[]? LuSolve(double[] a, int n, double[] b, int nrhs)
    {
        var lu = (double[])a.Clone();
        var x = (double[])b.Clone();
        for (int j = 0; j < n; j++)
        {
            int pivotRow = j;
            for (int i = j + 1; i < n; i++)
            {
                if (Math.Abs(lu[i * n + j]) > Math.Abs(lu[pivotRow * n + j]))
                {
                    pivotRow = i;
                }
            }
            if (lu[pivotRow * n + j] == 0)
            {
                return null;
            }
            SwapRows(lu, n, j, pivotRow);
            SwapRows(x, nrhs, j, pivotRow);
            for (int i = j + 1; i < n; i++)
            {
                double factor = lu[i * n + j] / lu[j * n + j];
                for (int p = j; p < n; p++)
                {
                    lu[i * n + p] -= factor * lu[j * n + p];
                }
                for (int r = 0; r < nrhs; r++)
                {
                    x[i * nrhs + r] -= factor * x[j * nrhs + r];
                }
            }
        }
        for (int r = 0; r < nrhs; r++)
        {
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = x[i * nrhs + r];
                for (int p = i + 1; p < n; p++)
                {
                    sum -= lu[i * n + p] * x[p * nrhs + r];
                }
                x[i * nrhs + r] = sum / lu[i * n + i];
            }
        }
        return x;
    }

    private static void SwapRows(double[] m, int cols, int r1, int r2)
    {
        if (r1 == r2)
        {
            return;
        }
        for (int j = 0; j < cols; j++)
        {
            (m[r1 * cols + j], m[r2 * cols + j]) = (m[r2 * cols + j], m[r1 * cols + j]);
        }
    }
}
