using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Npy;

/// <summary>
/// Damaged copies of good fixtures (cut short, or with bytes overwritten) must either still read or fail with
/// a user-facing <see cref="DataFileException"/>; any other exception would reach the user as a stack trace.
/// </summary>
public class CorruptedFileTests
{
    [Theory]
    [InlineData("npy", "f8_f.npy")]
    [InlineData("npy", "strings_le.npy")]
    [InlineData("npy", "macrodata_stored.npz")]
    [InlineData("npy", "macrodata_compressed.npz")]
    [InlineData("mat", "odds_v5.mat")]
    [InlineData("mat", "odds_v5_compressed.mat")]
    [InlineData("mat", "narrowed_be.mat")]
    [InlineData("mat", "sparse.mat")]
    public void DamageNeverEscapesAsAnotherException(string folder, string name)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, folder, name));
        string path = Path.Combine(TestPaths.NewTempFolder(), name);
        var random = new Random(20260101);
        for (int trial = 0; trial < 120; trial++)
        {
            byte[] damaged;
            if (trial % 3 == 0)
            {
                damaged = original[..random.Next(1, original.Length)];
            }
            else
            {
                damaged = (byte[])original.Clone();
                for (int k = random.Next(1, 6); k > 0; k--)
                {
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                }
            }
            File.WriteAllBytes(path, damaged);
            try
            {
                DataReader.Read(path);
            }
            catch (DataFileException e)
            {
                DataFileAssert.IsUserFacing(e, path);
            }
        }
    }
}
