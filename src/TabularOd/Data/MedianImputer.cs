namespace TabularOd.Data;

// PLACEHOLDER: replaced by the real imputer.
public sealed class MedianImputer
{
    public static MedianImputer Fit(DataMatrix train) => throw new NotImplementedException();
    public DataMatrix Transform(DataMatrix x) => throw new NotImplementedException();
}
