using System.Text.Json;
using System.Text.Json.Serialization;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// The line protocol between the runner and its worker processes: one <see cref="CellRequest"/> as a JSON line on
/// the worker's standard input, one <see cref="CellOutcome"/> as a JSON line on its standard output. Doubles
/// round-trip exactly (shortest round-trip text), NaN and infinities included.
/// </summary>
public static class WorkerProtocol
{
    /// <summary>
    /// The first line a worker writes, once it is loaded: the runner waits for it before sending a cell, so that
    /// process start-up never counts against a cell's time limit.
    /// </summary>
    public const string ReadyLine = "tabod-worker ready";

    /// <summary>The serializer settings both ends use.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>
    /// Serves requests until standard input closes (the runner ended or was killed): the loop every worker process
    /// runs. Anything a detector writes to the console is sent to standard error so that it cannot break the protocol.
    /// </summary>
    public static int Serve(TextReader input, TextWriter output)
    {
        var protocolOut = output;
        Console.SetOut(Console.Error);
        var executor = new CellExecutor(measureAlone: true);
        protocolOut.WriteLine(ReadyLine);
        protocolOut.Flush();
        while (input.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            CellOutcome outcome;
            CellRequest? request = null;
            try
            {
                request = JsonSerializer.Deserialize<CellRequest>(line, Options);
            }
            catch (JsonException)
            {
            }
            outcome = request is null
                ? CellOutcome.Failure("?", CellStatus.Failed, "the worker received a request it could not read.")
                : executor.Run(request);
            protocolOut.WriteLine(JsonSerializer.Serialize(outcome, Options));
            protocolOut.Flush();
        }
        return 0;
    }
}
