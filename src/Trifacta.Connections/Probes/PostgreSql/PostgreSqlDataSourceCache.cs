using System.Collections.Concurrent;
using System.Net.Security;
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
/// reads the current attempt from an <see cref="AsyncLocal{T}"/>, set by the probe only around the open. Pooling is off,
/// so a cached data source holds no connection. The cache keeps at most <see cref="Capacity"/> targets and drops
/// the least recently used beyond that.</para>
/// </remarks>
internal sealed class PostgreSqlDataSourceCache : IAsyncDisposable, IDisposable
{
    public const int Capacity = 256;

    /// <summary>What the server shows for a dry run's session (<c>pg_stat_activity.application_name</c>).</summary>
    public const string ApplicationName = "trifacta-dryrun";

    private readonly ConcurrentDictionary<PostgreSqlDataSourceKey, Entry> _entries = new();
    private readonly AsyncLocal<AttemptState?> _attempt = new();
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

    /// <summary>
    /// Makes <paramref name="context"/>'s attempt the one that Npgsql's callbacks in this async flow serve until
    /// disposed: the password it is given, the TLS host name and trust, and the sub-stage reports.
    /// </summary>
    public AttemptScope BeginAttempt(ConnectionProbeContext context, string password)
    {
        var state = new AttemptState(context, password, context.Ssl ? new ServerCertificateCheck(context.Host) : null);
        _attempt.Value = state;
        return new AttemptScope(this, state);
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

        // Basic credentials never use GSS; left at Prefer, Npgsql opens and drops an extra TCP connection per open.
        settings.GssEncryptionMode = GssEncryptionMode.Disable;
        settings.ApplicationName = key.ApplicationName ?? ApplicationName;
        settings.SearchPath = key.SearchPath;
        settings.TcpKeepAlive = key.TcpKeepAlive;
        // With ssl the certificate is verified in full (chain and host name) by ServerCertificateCheck, which Npgsql
        // accepts only in Require mode; it then says exactly why a certificate was refused.
        settings.SslMode = key.Ssl ? SslMode.Require : SslMode.Prefer;
        settings.Timeout = key.TimeoutSeconds;
        settings.CommandTimeout = key.TimeoutSeconds;
        builder.ConfigureTypeLoading(static types => types.EnableTypeLoading(false));
        if (key.Redshift)
        {
            // Redshift lacks some of PostgreSQL's catalog and features; Npgsql's compatibility mode avoids them.
#pragma warning disable CS0618 // The connection-string spelling of the mode is the one the slim builder takes.
            settings.ServerCompatibilityMode = ServerCompatibilityMode.Redshift;
#pragma warning restore CS0618
        }

        builder.EnableTransportSecurity();

        builder.UsePasswordProvider(
            _ => PasswordForAuthentication(),
            (_, _) => ValueTask.FromResult(PasswordForAuthentication()));
        builder.UseSslClientAuthenticationOptionsCallback(ConfigureTls);
        return builder.Build();
    }

    private AttemptState Current =>
        _attempt.Value ?? throw new InvalidOperationException("A dry run connection was opened outside of an attempt scope.");

    // Npgsql asks for the password when the server asks for it: the connection is made (and TLS negotiated).
    private string PasswordForAuthentication()
    {
        var attempt = Current;
        attempt.Context.EnterStage(DryRunStage.Authenticate);
        return attempt.Password;
    }

    // Called when the server has agreed to TLS. The connection is made to a vetted address, so the certificate is
    // checked against the request's host name; the host's extra CAs join the system's.
    private void ConfigureTls(SslClientAuthenticationOptions options)
    {
        var attempt = Current;
        var context = attempt.Context;
        context.EnterStage(DryRunStage.Tls);
        options.TargetHost = context.Host;
        if (attempt.Certificate is { } check)
        {
            options.RemoteCertificateValidationCallback = check.Validate;
            if (context.Trust.ChainPolicy is { } chainPolicy)
            {
                options.CertificateChainPolicy = chainPolicy;
            }
        }
    }

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

    internal sealed record AttemptState(ConnectionProbeContext Context, string Password, ServerCertificateCheck? Certificate);

    /// <summary>The attempt of the current flow; ends it when disposed.</summary>
    internal readonly struct AttemptScope : IDisposable
    {
        private readonly PostgreSqlDataSourceCache _cache;
        private readonly AttemptState _state;

        internal AttemptScope(PostgreSqlDataSourceCache cache, AttemptState state)
        {
            _cache = cache;
            _state = state;
        }

        /// <summary>The check of the server certificate, when the request asked for <c>ssl</c>.</summary>
        public ServerCertificateCheck? Certificate => _state.Certificate;

        public void Dispose() => _cache._attempt.Value = null;
    }
}
