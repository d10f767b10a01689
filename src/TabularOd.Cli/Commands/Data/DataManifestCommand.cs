using System.CommandLine;
using TabularOd.Benchmarking.Catalog;

namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// <c>tabod data manifest FOLDER --name N --out FILE</c> writes a suite manifest (rows, features, outliers,
/// SHA-256 per file); with <c>--verify</c> it instead checks an existing manifest against the files.
/// </summary>
public static class DataManifestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string>("folder") { Description = "Folder of data files to list, or with --verify the manifest to check." };
        var name = new Option<string?>("--name") { Description = "Suite name (default: the folder's name)." };
        var output = new Option<string?>("--out") { Description = "Manifest file to write (default: FOLDER.json beside the folder)." };
        var description = new Option<string>("--description") { Description = "One line describing the suite.", DefaultValueFactory = _ => "" };
        var license = new Option<string>("--license") { Description = "Licence of the files and where its notice is.", DefaultValueFactory = _ => "" };
        var verify = new Option<bool>("--verify") { Description = "Check an existing manifest: every file present with its SHA-256." };
        var command = new Command("manifest", "Write a suite manifest for a folder of data files, or verify one.")
        {
            folder, name, output, description, license, verify,
        };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(folder)!;
            if (parsed.GetValue(verify))
            {
                var manifest = ManifestFile.Load(path);
                var problems = ManifestFile.Verify(path, manifest);
                foreach (string problem in problems)
                {
                    console.Fail(problem);
                }
                console.Out.WriteLine($"{manifest.Datasets.Count - problems.Count} of {manifest.Datasets.Count} files match {path}.");
                return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }
            if (!Directory.Exists(path))
            {
                throw new UsageException($"{path} is not a folder.");
            }
            string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            string target = parsed.GetValue(output) ?? full + ".json";
            string suite = parsed.GetValue(name) ?? Path.GetFileName(full);
            var built = ManifestFile.Build(suite, path, Path.GetDirectoryName(Path.GetFullPath(target))!,
                parsed.GetValue(description)!, parsed.GetValue(license)!,
                progress: new Progress<string>(f => console.Error.WriteLine($"reading {f}")));
            ManifestFile.Save(built, target);
            console.Out.WriteLine($"wrote {target}: {built.Datasets.Count} datasets.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
