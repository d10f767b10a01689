using System.CommandLine;
using TabularOd.Benchmarking.Catalog;

namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// <c>tabod data manifest FOLDER… --name N --out FILE [--root DIR]</c> writes a suite manifest (rows, features,
/// outliers, SHA-256 and tags per file); with <c>--verify</c> it instead checks an existing manifest against the files.
/// </summary>
public static class DataManifestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var folders = new Argument<string[]>("folder")
        {
            Description = "Folders of data files to list (several go into one manifest), or with --verify the manifest to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var name = new Option<string?>("--name") { Description = "Suite name (default: the folder's name, or the root's with --root)." };
        var output = new Option<string?>("--out") { Description = "Manifest file to write (default: FOLDER.json beside a single folder)." };
        var root = new Option<string?>("--root")
        {
            Description = "Keep the data outside the manifest's folder: entries are written relative to DIR, and DIR relative to the manifest.",
            HelpName = "DIR",
        };
        var description = new Option<string>("--description") { Description = "One line describing the suite.", DefaultValueFactory = _ => "" };
        var license = new Option<string>("--license") { Description = "Licence of the files and where its notice is.", DefaultValueFactory = _ => "" };
        var verify = new Option<bool>("--verify") { Description = "Check an existing manifest: every file present with its SHA-256." };
        var command = new Command("manifest", "Write a suite manifest for folders of data files, or verify one.")
        {
            folders, name, output, root, description, license, verify,
        };
        command.SetAction(parsed =>
        {
            string[] paths = parsed.GetValue(folders)!;
            if (parsed.GetValue(verify))
            {
                if (paths.Length != 1)
                {
                    throw new UsageException($"--verify checks one manifest at a time; got {paths.Length} paths.");
                }
                return Verify(console, paths[0]);
            }
            foreach (string path in paths)
            {
                if (!Directory.Exists(path))
                {
                    throw new UsageException($"{path} is not a folder.");
                }
            }
            string? rootFolder = parsed.GetValue(root);
            if (rootFolder is not null && !Directory.Exists(rootFolder))
            {
                throw new UsageException($"--root {rootFolder} is not a folder.");
            }
            string first = Path.TrimEndingDirectorySeparator(Path.GetFullPath(paths[0]));
            string target = parsed.GetValue(output)
                ?? (paths.Length == 1 ? first + ".json" : throw new UsageException("--out is required when several folders go into one manifest."));
            string suite = parsed.GetValue(name)
                ?? Path.GetFileName(rootFolder is null ? first : Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootFolder)));
            string targetFolder = Path.GetDirectoryName(Path.GetFullPath(target))!;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var built = ManifestFile.Build(suite, paths, targetFolder, rootFolder,
                parsed.GetValue(description)!, parsed.GetValue(license)!,
                progress: new SyncProgress<string>(f => console.Error.WriteLine($"reading {f}")));
            Directory.CreateDirectory(targetFolder);
            ManifestFile.Save(built, target);
            string rootNote = built.Root is null ? "" : $" under root {built.Root}";
            console.Out.WriteLine($"wrote {target}: {built.Datasets.Count} datasets{rootNote} in {started.Elapsed.TotalSeconds:0.0} s.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Verify(CliConsole console, string path)
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
}
