using TabularOd.Compute;

namespace TabularOd.Stacking;

/// <summary>
/// The sufficient statistics of a centred least-squares problem: G = XᵀX, q = Xᵀy and ‖y‖². Computed once per
/// design and shared by every α of a path.
/// </summary>
internal sealed class GramSystem
{
    private GramSystem(IComputeBackend backend, int columns, double[] gram, double[] xty, double targetNorm2)
    {
        Backend = backend;
        Columns = columns;
        Gram = gram;
        Xty = xty;
        TargetNorm2 = targetNorm2;
    }

    /// <summary>The backend that formed the system; <see cref="ActiveSetStep"/>'s factorisations run on it too.</summary>
    public IComputeBackend Backend { get; }

    public int Columns { get; }

    /// <summary>XᵀX, row-major p×p.</summary>
    public double[] Gram { get; }

    public double[] Xty { get; }

    public double TargetNorm2 { get; }

    /// <summary>Whether <paramref name="mode"/> asks for the Gram form on this design.</summary>
    public static bool Wanted(GramMode mode, CenteredDesign design) =>
        mode == GramMode.Always || (mode == GramMode.Auto && design.Rows > design.Columns);

    /// <summary>A system from its parts (for instance from <see cref="BlockMoments"/>).</summary>
    public static GramSystem Of(IComputeBackend backend, int columns, double[] gram, double[] xty, double targetNorm2) =>
        new(backend, columns, gram, xty, targetNorm2);

    public static GramSystem Create(IComputeBackend backend, CenteredDesign design)
    {
        int n = design.Rows, p = design.Columns;
        var gram = new double[p * p];
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, p, p, n, 1.0, design.Design, n, design.Design, n, 0.0, gram, p);
        var xty = new double[p];
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, p, 1, n, 1.0, design.Design, n, design.Target, 1, 0.0, xty, 1);
        double norm2 = 0;
        foreach (double v in design.Target)
        {
            norm2 += v * v;
        }
        return new GramSystem(backend, p, gram, xty, norm2);
    }
}
