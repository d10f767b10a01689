using TabularOd.Compute.OpenBlas;

namespace TabularOd.Tests.Compute.OpenBlas;

/// <summary>A fact that is skipped, with the loader's reason, where the system OpenBLAS is not installed.</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!OpenBlasBackend.TryLoad(out _, out string status))
        {
            Skip = $"OpenBLAS is not loadable here: {status}";
        }
    }
}

/// <summary>A theory that is skipped, with the loader's reason, where the system OpenBLAS is not installed.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!OpenBlasBackend.TryLoad(out _, out string status))
        {
            Skip = $"OpenBLAS is not loadable here: {status}";
        }
    }
}
