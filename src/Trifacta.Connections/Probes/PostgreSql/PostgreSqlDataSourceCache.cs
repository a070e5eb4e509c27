using System.Collections.Concurrent;
using Npgsql;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// A bounded cache of unpooled, secret-free Npgsql data sources, one per target (host, port, database, user, TLS).
/// </summary>
/// <remarks>
/// <para>Why: a new data source per dry run rebuilds Npgsql's type caches on its first query, which costs about 7×
/// the raw driver's allocations; <c>new NpgsqlConnection(connectionString)</c> instead caches a data source per
/// distinct connection string, password included, for the life of the process.</para>
/// <para>Here no password is ever part of a data source: it is handed to Npgsql through a password provider that
/// reads the current dry run's <see cref="AsyncLocal{T}"/>, set by the probe only around the open. Pooling is off,
/// so a cached data source holds no connection. The cache keeps at most <see cref="Capacity"/> targets and drops
/// the least recently used beyond that.</para>
/// </remarks>
internal sealed class PostgreSqlDataSourceCache : IAsyncDisposable, IDisposable
{
    public const int Capacity = 256;

    /// <summary>What the server shows for a dry run's session (<c>pg_stat_activity.application_name</c>).</summary>
    public const string ApplicationName = "trifacta-dryrun";

    private readonly ConcurrentDictionary<PostgreSqlDataSourceKey, Entry> _entries = new();
    private readonly AsyncLocal<string?> _password = new();
    private readonly Lock _evictionLock = new();
    private long _clock;

    public int Count => _entries.Count;

    /// <summary>Returns the data source for <paramref name="key"/>, building it on first use.</summary>
    public NpgsqlDataSource Get(PostgreSqlDataSourceKey key)
    {
        var entry = _entries.GetOrAdd(key, static (k, cache) => new Entry(cache.Build(k)), this);
        entry.LastUsed = Interlocked.Increment(ref _clock);
        if (_entries.Count > Capacity)
        {
            Evict();
        }

        return entry.DataSource;
    }

    /// <summary>Makes <paramref name="password"/> the one Npgsql is given by opens in this async flow until disposed.</summary>
    public PasswordScope UsePassword(string password)
    {
        _password.Value = password;
        return new PasswordScope(this);
    }

    private NpgsqlDataSource Build(PostgreSqlDataSourceKey key)
    {
        var builder = new NpgsqlSlimDataSourceBuilder();
        var settings = builder.ConnectionStringBuilder;
        settings.Host = key.Host;
        settings.Port = key.Port;
        settings.Database = key.Database;
        settings.Username = key.Username;
        settings.Pooling = false;
        settings.Enlist = false;
        settings.ApplicationName = ApplicationName;
        settings.SslMode = key.Ssl ? SslMode.VerifyFull : SslMode.Prefer;
        settings.Timeout = key.TimeoutSeconds;
        settings.CommandTimeout = key.TimeoutSeconds;
        builder.ConfigureTypeLoading(static types => types.EnableTypeLoading(false));
        if (key.Ssl)
        {
            builder.EnableTransportSecurity();
        }

        builder.UsePasswordProvider(
            _ => CurrentPassword(),
            (_, _) => ValueTask.FromResult(CurrentPassword()));
        return builder.Build();
    }

    private string CurrentPassword() =>
        _password.Value ?? throw new InvalidOperationException("No dry run password is set for this connection open.");

    private void Evict()
    {
        lock (_evictionLock)
        {
            var excess = _entries.Count - Capacity;
            if (excess <= 0)
            {
                return;
            }

            // Pooling is off, so an evicted data source holds no connection; an open in flight on it finishes
            // normally and the garbage collector takes it afterwards. It is not disposed here for that reason.
            foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(excess).ToArray())
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (key, entry) in _entries.ToArray())
        {
            _entries.TryRemove(key, out _);
            await entry.DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class Entry(NpgsqlDataSource dataSource)
    {
        public NpgsqlDataSource DataSource { get; } = dataSource;

        public long LastUsed { get; set; }
    }

    /// <summary>Clears the password of the current flow when disposed.</summary>
    internal readonly struct PasswordScope(PostgreSqlDataSourceCache cache) : IDisposable
    {
        public void Dispose() => cache._password.Value = null;
    }
}
