using System.Net;
using Npgsql;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// The PostgreSQL-protocol test shared by the <c>postgres</c> and <c>redshift</c> probes: resolve and vet the host
/// through the context, then for each address an unpooled, secret-free data source (see
/// <see cref="PostgreSqlDataSourceCache"/>), open with the sealed password, <c>SELECT 1</c>, close. Reports each
/// sub-stage to the context.
/// </summary>
internal sealed class PostgreSqlProbe(PostgreSqlDataSourceCache dataSources, bool redshift)
{
    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        AddressProbing.ProbeEachAddressAsync(context, address => ProbeAddressAsync(context, address, cancellationToken), PostgreSqlFailureClassifier.Classify, cancellationToken);

    private async Task<ConnectionProbeResult> ProbeAddressAsync(ConnectionProbeContext context, IPAddress address, CancellationToken cancellationToken)
    {
        context.EnterStage(DryRunStage.Connect);
        var options = PostgreSqlOptions.From(context.Options);

        // Npgsql's own timeout stays behind the attempt's, so the attempt timeout is the one that fires, unless the
        // request asked for a shorter connectTimeout.
        var timeoutSeconds = (int)Math.Clamp(Math.Ceiling(context.Timeout.TotalSeconds) + 1, 2, 1024);
        var dataSource = dataSources.Get(new PostgreSqlDataSourceKey(
            address.ToString(),
            context.Port,
            context.Database,
            context.Username,
            context.Ssl,
            Math.Min(timeoutSeconds, options.ConnectTimeoutSeconds ?? int.MaxValue),
            options.ApplicationName,
            options.SearchPath,
            options.TcpKeepAlive,
            redshift));
        ServerCertificateCheck? certificate = null;
        try
        {
            var connection = dataSource.CreateConnection();
            await using (connection.ConfigureAwait(false))
            {
                using (var attempt = dataSources.BeginAttempt(context, context.RevealPassword()))
                {
                    certificate = attempt.Certificate;
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                }

                await TestQuery.RunAsync(connection, context, cancellationToken).ConfigureAwait(false);
            }

            return ConnectionProbeResult.Success;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (certificate is { Refused: true })
            {
                return certificate.Describe();
            }

            var result = PostgreSqlFailureClassifier.Classify(ex);
            if (result.Kind == ConnectionFailureKind.Unknown && PostgreSqlFailureClassifier.IsUnexplained(ex))
            {
                result = await PostgreSqlProtocolSniffer.ExplainAsync(new IPEndPoint(address, context.Port), context.Ssl, ex, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
    }
}
