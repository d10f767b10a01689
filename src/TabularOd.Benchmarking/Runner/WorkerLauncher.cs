namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// How to start a worker process: an executable and its arguments (for tabod: <c>dotnet tabod.dll bench worker</c>).
/// The runner adds the environment that pins each worker's thread count.
/// </summary>
public sealed record WorkerLauncher(string FileName, IReadOnlyList<string> Arguments);
