using System.Text;
using TabularOd.Data;

namespace TabularOd.Detectors.Persistence;

/// <summary>
/// The versioned model file: magic "TABODMDL", container version, detector name and state version, the
/// common options, the training scores, then the detector's own state. Load checks each part and refuses a
/// file from a newer format with a clear message.
/// </summary>
public static class ModelFile
{
    /// <summary>The container format written by this build.</summary>
    public const int ContainerVersion = 1;

    private static readonly byte[] Magic = "TABODMDL"u8.ToArray();

    /// <summary>Writes a fitted detector to a stream.</summary>
    public static void Write(FittedDetector model, Stream stream)
    {
        using var binary = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var writer = new ModelWriter(binary);
        binary.Write(Magic);
        writer.Write(ContainerVersion);
        writer.Write(model.DetectorName);
        writer.Write(model.StateVersion);
        writer.Write(model.Features);
        writer.Write(model.Options.Contamination);
        writer.Write(model.Options.Seed);
        writer.Write(model.TrainingScores);
        model.WriteState(writer);
    }

    /// <summary>Writes a fitted detector to a file (through a temporary file, so a failure leaves no half model).</summary>
    public static void Write(FittedDetector model, string path)
    {
        string temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        {
            Write(model, stream);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a model written by <see cref="Write(FittedDetector, Stream)"/>.</summary>
    public static FittedDetector Read(Stream stream)
    {
        using var binary = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var reader = new ModelReader(binary);
        var magic = binary.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a TabularOd model file (bad magic).");
        }
        int container = reader.ReadInt32();
        if (container != ContainerVersion)
        {
            throw new InvalidDataException($"model container version {container} is not supported; this build reads version {ContainerVersion}.");
        }
        var header = new ModelHeader(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadDoubles());
        var descriptor = DetectorCatalog.Find(header.DetectorName)
            ?? throw new InvalidDataException($"the model is of detector '{header.DetectorName}', which this build does not know.");
        if (header.StateVersion > descriptor.StateVersion)
        {
            throw new InvalidDataException($"the {header.DetectorName} model has state version {header.StateVersion}; this build reads up to {descriptor.StateVersion}.");
        }
        return descriptor.Load(header, reader);
    }

    /// <summary>Reads a model file; every failure is a one-line <see cref="DataFileException"/> naming the file.</summary>
    public static FittedDetector Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, "model file not found.");
        }
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new DataFileException(path, e.Message.ReplaceLineEndings(" "), e);
        }
    }
}
