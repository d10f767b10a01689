namespace TabularOd.Detectors.Probabilistic;

/// <summary>Which empirical CDF ECOD and COPOD score new rows against.</summary>
public enum EcdfMode
{
    /// <summary>
    /// PyOD's behaviour: the ECDF (and the skewness) of each column is rebuilt on the training column plus the rows
    /// being scored, so a row's score depends on the batch it is scored with.
    /// </summary>
    Transductive,

    /// <summary>
    /// [ours] The ECDF is frozen on the training column and a new value x gets F(x) = (#{training ≤ x} + 1)/(n + 1),
    /// as though it were added to the training column; skewness signs are the training ones. Scores do not depend
    /// on the batch.
    /// </summary>
    Inductive,
}

/// <summary>The option check both ECDF detectors make on their mode.</summary>
internal static class EcdfModeCheck
{
    /// <summary>Refuses a mode that is not a named <see cref="EcdfMode"/> (an out-of-range cast).</summary>
    public static void Defined(EcdfMode mode, string detector)
    {
        if (!Enum.IsDefined(mode))
        {
            throw OptionCheck.Invalid("Mode", detector, "transductive or inductive", (int)mode);
        }
    }

    /// <summary>Reads a saved mode, refusing values no build wrote.</summary>
    public static EcdfMode Read(int stored, string detector) => Enum.IsDefined((EcdfMode)stored)
        ? (EcdfMode)stored
        : throw new InvalidDataException($"the {detector} model stores an unknown ECDF mode {stored}.");
}
