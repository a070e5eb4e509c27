using Npgsql;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// Tests a PostgreSQL connection with Npgsql: a slim data source of its own (no pool, no type loading, disposed
/// with the run so nothing lingers and no password stays cached), open, <c>SELECT 1</c>, close.
/// </summary>
internal sealed class PostgreSqlConnectionProbe : IConnectionProbe
{
    public const string VendorName = "postgres";
    public const string TestQuery = "SELECT 1";

    public string Vendor => VendorName;

    public async Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var builder = new NpgsqlSlimDataSourceBuilder();
        var settings = builder.ConnectionStringBuilder;
        settings.Host = context.Host;
        settings.Port = context.Port;
        settings.Database = context.Database;
        settings.Username = context.Username;
        settings.Pooling = false;
        settings.Enlist = false;
        settings.SslMode = context.Ssl ? SslMode.VerifyFull : SslMode.Prefer;
        settings.ApplicationName = "trifacta-dryrun " + context.ConnectionId.ToString("N");
        var seconds = (int)Math.Clamp(Math.Ceiling(context.Timeout.TotalSeconds), 1, 1024);
        settings.Timeout = seconds;
        settings.CommandTimeout = seconds;
        builder.ConfigureTypeLoading(static types => types.EnableTypeLoading(false));
        if (context.Ssl)
        {
            builder.EnableTransportSecurity();
        }

        settings.Password = context.RevealPassword();
        var dataSource = builder.Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = TestQuery;
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return ConnectionProbeResult.Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return PostgreSqlFailureClassifier.Classify(ex);
        }
        finally
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
