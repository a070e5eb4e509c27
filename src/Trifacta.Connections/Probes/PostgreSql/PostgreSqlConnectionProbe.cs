namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// Tests a PostgreSQL connection with Npgsql: an unpooled, secret-free data source for the target (see
/// <see cref="PostgreSqlDataSourceCache"/>), open with the sealed password, <c>SELECT 1</c>, close.
/// </summary>
internal sealed class PostgreSqlConnectionProbe(PostgreSqlDataSourceCache dataSources) : IConnectionProbe
{
    public const string VendorName = "postgres";
    public const string TestQuery = "SELECT 1";

    public string Vendor => VendorName;

    public async Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSource = dataSources.Get(new PostgreSqlDataSourceKey(
            context.Host,
            context.Port,
            context.Database,
            context.Username,
            context.Ssl,
            (int)Math.Clamp(Math.Ceiling(context.Timeout.TotalSeconds), 1, 1024)));
        try
        {
            var connection = dataSource.CreateConnection();
            await using (connection.ConfigureAwait(false))
            {
                using (dataSources.UsePassword(context.RevealPassword()))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                }

                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = TestQuery;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return ConnectionProbeResult.Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return PostgreSqlFailureClassifier.Classify(ex);
        }
    }
}
