using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Store;

/// <summary>
/// The results of a benchmark in one SQLite file (WAL journal). Each finished cell is written in its own
/// transaction, so a run killed at any moment leaves every cell either fully recorded or absent; a rerun skips
/// what is recorded. Only one process writes a store; shards write their own and are merged.
/// </summary>
public sealed class ResultsStore : IDisposable
{
    /// <summary>Schema version, kept in the meta table and checked on open.</summary>
    public const int SchemaVersion = 1;

    private const string CellColumns =
        "key, dataset, detector, configuration, parameters, seed, status, auroc, auprc, precision_at_n, fit_seconds, score_seconds, "
        + "wall_seconds, peak_mib, train_rows, test_rows, features, nonfinite, error, host, finished_utc";

    private readonly SqliteConnection _connection;

    private ResultsStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens a store, creating the file and schema when missing. A file that is not a store is refused.</summary>
    public static ResultsStore Open(string path, bool create = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(full))
        {
            throw new DataFileException(path, "results store not found.");
        }
        if (create && System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
            var store = new ResultsStore(connection, full);
            store.EnsureSchema();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DataFileException(path, $"is not a usable results store: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void EnsureSchema()
    {
        Execute(_connection, """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS datasets(
                id TEXT PRIMARY KEY, suite TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL, tags TEXT NOT NULL,
                train_rows INTEGER NOT NULL, test_rows INTEGER NOT NULL, features INTEGER NOT NULL, labels BLOB);
            CREATE TABLE IF NOT EXISTS cells(
                key TEXT PRIMARY KEY, dataset TEXT NOT NULL, detector TEXT NOT NULL, configuration TEXT NOT NULL,
                parameters TEXT NOT NULL, seed INTEGER NOT NULL, status TEXT NOT NULL, auroc REAL, auprc REAL,
                precision_at_n REAL, fit_seconds REAL NOT NULL, score_seconds REAL NOT NULL, wall_seconds REAL NOT NULL,
                peak_mib REAL, train_rows INTEGER NOT NULL, test_rows INTEGER NOT NULL, features INTEGER NOT NULL,
                nonfinite INTEGER NOT NULL, error TEXT, host TEXT NOT NULL, finished_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS scores(key TEXT PRIMARY KEY, test_scores BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS cells_by_configuration ON cells(configuration);
            """);
        string? version = Meta("schema_version");
        if (version is null)
        {
            SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture));
        }
        else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new DataFileException(Path, $"results store schema version {version} is not supported; this build reads version {SchemaVersion}.");
        }
    }

    /// <summary>A value from the meta table, or null.</summary>
    public string? Meta(string key)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $k", ("$k", key));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Sets a value in the meta table.</summary>
    public void SetMeta(string key, string value)
    {
        using var command = Command("INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
        command.ExecuteNonQuery();
    }

    /// <summary>Records the datasets a run plans to use (idempotent: known datasets are left as they are).</summary>
    public void AddDatasets(IEnumerable<SuiteDataset> datasets)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var d in datasets)
        {
            using var command = Command(
                "INSERT OR IGNORE INTO datasets(id, suite, name, path, tags, train_rows, test_rows, features) VALUES($id, $s, $n, $p, $t, $tr, $te, $f)",
                ("$id", d.Id), ("$s", d.Suite), ("$n", d.Name), ("$p", d.Path), ("$t", JsonSerializer.Serialize(d.Tags)),
                ("$tr", d.TrainRows), ("$te", d.TestRows), ("$f", d.Features));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// Keys of recorded cells. With <paramref name="okOnly"/>, only those that finished without error (so that a
    /// rerun with retries runs failures again).
    /// </summary>
    public HashSet<string> RecordedKeys(bool okOnly = false)
    {
        using var command = Command(okOnly ? "SELECT key FROM cells WHERE status = 'ok'" : "SELECT key FROM cells");
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    /// <summary>Writes one cell (and its scores and the dataset's labels, when given) in one transaction.</summary>
    public void Write(BenchCell cell, CellOutcome outcome, string host)
    {
        using var transaction = _connection.BeginTransaction();
        using (var command = Command(
            $"INSERT OR REPLACE INTO cells({CellColumns}) VALUES($key, $ds, $det, $conf, $par, $seed, $st, $auroc, $auprc, $pan, $fit, $score, $wall, $peak, $tr, $te, $f, $nf, $err, $host, $fin)",
            ("$key", cell.Key), ("$ds", cell.Dataset.Id), ("$det", cell.Configuration.Detector), ("$conf", cell.Configuration.Id),
            ("$par", cell.Configuration.ParametersJson()), ("$seed", cell.Seed), ("$st", outcome.Status), ("$auroc", outcome.Auroc),
            ("$auprc", outcome.Auprc), ("$pan", outcome.PrecisionAtN), ("$fit", outcome.FitSeconds), ("$score", outcome.ScoreSeconds),
            ("$wall", outcome.WallSeconds), ("$peak", outcome.PeakMemoryMib), ("$tr", outcome.TrainRows), ("$te", outcome.TestRows),
            ("$f", outcome.Features), ("$nf", outcome.NonFiniteScores), ("$err", outcome.Error), ("$host", host),
            ("$fin", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))))
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        if (outcome.Scores is { } scores)
        {
            using var command = Command("INSERT OR REPLACE INTO scores(key, test_scores) VALUES($key, $s)", ("$key", cell.Key), ("$s", Bytes(scores)));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        if (outcome.Labels is { } labels)
        {
            using var command = Command("UPDATE datasets SET labels = $l WHERE id = $id AND labels IS NULL", ("$id", cell.Dataset.Id), ("$l", Bytes(labels)));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Every recorded cell, ordered by key, with its dataset's suite and tags.</summary>
    public IReadOnlyList<CellRecord> ReadCells()
    {
        using var command = Command(
            $"SELECT c.{CellColumns.Replace(", ", ", c.", StringComparison.Ordinal)}, d.suite, d.tags, s.key IS NOT NULL "
            + "FROM cells c LEFT JOIN datasets d ON d.id = c.dataset LEFT JOIN scores s ON s.key = c.key ORDER BY c.key");
        using var reader = command.ExecuteReader();
        var records = new List<CellRecord>();
        while (reader.Read())
        {
            string dataset = reader.GetString(1);
            records.Add(new CellRecord
            {
                Key = reader.GetString(0),
                Dataset = dataset,
                Detector = reader.GetString(2),
                Configuration = reader.GetString(3),
                Parameters = reader.GetString(4),
                Seed = reader.GetInt32(5),
                Status = reader.GetString(6),
                Auroc = NullableDouble(reader, 7),
                Auprc = NullableDouble(reader, 8),
                PrecisionAtN = NullableDouble(reader, 9),
                FitSeconds = reader.GetDouble(10),
                ScoreSeconds = reader.GetDouble(11),
                WallSeconds = reader.GetDouble(12),
                PeakMemoryMib = NullableDouble(reader, 13),
                TrainRows = reader.GetInt32(14),
                TestRows = reader.GetInt32(15),
                Features = reader.GetInt32(16),
                NonFiniteScores = reader.GetInt32(17),
                Error = reader.IsDBNull(18) ? null : reader.GetString(18),
                Host = reader.GetString(19),
                FinishedUtc = reader.GetString(20),
                Suite = reader.IsDBNull(21) ? dataset.Split('/')[0] : reader.GetString(21),
                Tags = reader.IsDBNull(22) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(22)) ?? [],
                HasScores = reader.GetBoolean(23),
            });
        }
        return records;
    }

    /// <summary>The stored test scores of a cell, or null.</summary>
    public double[]? ReadScores(string key)
    {
        using var command = Command("SELECT test_scores FROM scores WHERE key = $k", ("$k", key));
        return command.ExecuteScalar() is byte[] bytes ? MemoryMarshal.Cast<byte, double>(bytes).ToArray() : null;
    }

    /// <summary>The stored test labels of a dataset, or null.</summary>
    public int[]? ReadLabels(string dataset)
    {
        using var command = Command("SELECT labels FROM datasets WHERE id = $id", ("$id", dataset));
        return command.ExecuteScalar() is byte[] bytes ? MemoryMarshal.Cast<byte, int>(bytes).ToArray() : null;
    }

    /// <summary>
    /// Adds another store's datasets, cells and scores. Idempotent: a cell already here is kept, except that a
    /// finished result replaces a failure. Returns how many cells were added, already present, and present with
    /// different metrics (a sign that two runs disagreed).
    /// </summary>
    public MergeSummary MergeFrom(string otherPath)
    {
        string full = System.IO.Path.GetFullPath(otherPath);
        if (!File.Exists(full))
        {
            throw new DataFileException(otherPath, "results store not found.");
        }
        if (full == Path)
        {
            throw new DataFileException(otherPath, "cannot merge a results store into itself.");
        }
        using (var attach = Command("ATTACH DATABASE $p AS other", ("$p", full)))
        {
            attach.ExecuteNonQuery();
        }
        try
        {
            // Read the other file's schema version without writing to it: merging must never change an input.
            string? version;
            try
            {
                using var check = Command("SELECT value FROM other.meta WHERE key = 'schema_version'");
                version = check.ExecuteScalar() as string;
            }
            catch (SqliteException e)
            {
                throw new DataFileException(otherPath, $"is not a results store: {e.Message.ReplaceLineEndings(" ")}", e);
            }
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new DataFileException(otherPath, $"results store schema version {version ?? "(none)"} is not supported; this build reads version {SchemaVersion}.");
            }
            using var transaction = _connection.BeginTransaction();
            long Scalar(string sql)
            {
                using var c = Command(sql);
                c.Transaction = transaction;
                return (long)c.ExecuteScalar()!;
            }
            void Run(string sql)
            {
                using var c = Command(sql);
                c.Transaction = transaction;
                c.ExecuteNonQuery();
            }
            long total = Scalar("SELECT COUNT(*) FROM other.cells");
            long conflicting = Scalar(
                "SELECT COUNT(*) FROM other.cells o JOIN cells c ON c.key = o.key "
                + "WHERE c.status = 'ok' AND o.status = 'ok' AND (c.auroc IS NOT o.auroc OR c.auprc IS NOT o.auprc)");
            long replaced = Scalar("SELECT COUNT(*) FROM other.cells o JOIN cells c ON c.key = o.key WHERE c.status <> 'ok' AND o.status = 'ok'");
            long present = Scalar("SELECT COUNT(*) FROM other.cells o JOIN cells c ON c.key = o.key");
            Run("INSERT OR IGNORE INTO datasets SELECT * FROM other.datasets");
            Run("UPDATE datasets SET labels = (SELECT o.labels FROM other.datasets o WHERE o.id = datasets.id) WHERE labels IS NULL");
            Run($"INSERT OR REPLACE INTO cells({CellColumns}) SELECT {CellColumns} FROM other.cells o "
                + "WHERE o.key NOT IN (SELECT key FROM cells) OR (o.status = 'ok' AND (SELECT status FROM cells c WHERE c.key = o.key) <> 'ok')");
            Run("INSERT OR IGNORE INTO scores SELECT * FROM other.scores");
            transaction.Commit();
            return new MergeSummary(total - present + replaced, present - replaced, conflicting);
        }
        finally
        {
            using var detach = Command("DETACH DATABASE other");
            detach.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double? NullableDouble(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}

/// <summary>What a merge did: cells added, cells already present, and present cells whose metrics differed.</summary>
public sealed record MergeSummary(long Added, long AlreadyPresent, long Conflicting);
