using System.IO.Compression;
using System.Text;

namespace TabularOd.Cli.Tests.Support;

/// <summary>
/// Assembles .npy/.npz bytes by hand, independently of the library's writer, so that tests can make
/// well-formed and deliberately broken files.
/// </summary>
public sealed class NpzBuilder
{
    private readonly List<(string Name, byte[] Bytes)> _entries = [];

    public NpzBuilder Float64(string name, int rows, int columns, params double[] values) =>
        Add(name, Npy("<f8", rows, columns, values.SelectMany(BitConverter.GetBytes).ToArray()));

    public NpzBuilder Int64Vector(string name, params long[] values) =>
        Add(name, Npy("<i8", values.Length, null, values.SelectMany(BitConverter.GetBytes).ToArray()));

    public NpzBuilder Raw(string name, byte[] npyBytes) => Add(name, npyBytes);

    public NpzBuilder Add(string name, byte[] bytes)
    {
        _entries.Add((name, bytes));
        return this;
    }

    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in _entries)
            {
                using var stream = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                stream.Write(bytes);
            }
        }
        return memory.ToArray();
    }

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    /// <summary>A version-1 .npy file: magic, header dict padded to 64 bytes, then the raw data.</summary>
    public static byte[] Npy(string descr, int rows, int? columns, byte[] data)
    {
        string shape = columns is { } c ? $"({rows}, {c})" : $"({rows},)";
        return NpyWithHeader($"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}", data);
    }

    public static byte[] NpyWithHeader(string header, byte[] data)
    {
        int unpadded = 10 + header.Length + 1;
        string padded = header + new string(' ', ((unpadded + 63) / 64 * 64) - unpadded) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)padded.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(padded));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
