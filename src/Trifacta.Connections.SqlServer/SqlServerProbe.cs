using System.Net;
using System.Net.Sockets;
using System.Security;
using Microsoft.Data.SqlClient;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.SqlServer;

/// <summary>
/// The TDS test shared by the <c>sqlserver</c> and <c>sqldatawarehouse</c> probes, on Microsoft.Data.SqlClient:
/// resolve and vet the host through the context, then for each address an unpooled connection with the password in
/// a <see cref="SqlCredential"/> (never in a connection string), <c>SELECT 1</c>, close.
/// </summary>
internal sealed class SqlServerProbe(string vendor)
{
    public string Vendor => vendor;

    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        AddressProbing.ProbeEachAddressAsync(context, address => ProbeAddressAsync(context, address, cancellationToken), SqlServerFailureClassifier.Classify, cancellationToken);

    private static async Task<ConnectionProbeResult> ProbeAddressAsync(ConnectionProbeContext context, IPAddress address, CancellationToken cancellationToken)
    {
        context.EnterStage(DryRunStage.Connect);

        // SqlClient retries a refused or unreachable address until its login timeout runs out, and then says only
        // that it could not connect. A TCP connect of our own first answers those in a millisecond, exactly.
        var endPoint = new IPEndPoint(address, context.Port);
        if (await ReachAsync(endPoint, cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            return unreachable;
        }

        var options = SqlServerOptions.From(context.Options);
        var timeoutSeconds = (int)Math.Clamp(Math.Ceiling(context.Timeout.TotalSeconds) + 1, 2, 3600);
        var settings = new SqlConnectionStringBuilder
        {
            DataSource = $"tcp:{address},{context.Port}",
            InitialCatalog = context.Database ?? string.Empty,
            Pooling = false,
            ConnectRetryCount = 0,
            ConnectTimeout = Math.Min(timeoutSeconds, options.LoginTimeoutSeconds ?? int.MaxValue),
            CommandTimeout = timeoutSeconds,
            ApplicationName = options.ApplicationName ?? "trifacta-dryrun",

            // ssl: encrypted, the certificate verified against the request's host (the connection goes to the vetted
            // address). Without ssl: encrypted only if the server insists, then without verification, as the JDBC default.
            Encrypt = context.Ssl ? SqlConnectionEncryptOption.Mandatory : SqlConnectionEncryptOption.Optional,
            TrustServerCertificate = !context.Ssl,
        };
        if (context.Ssl)
        {
            settings.HostNameInCertificate = options.HostNameInCertificate ?? context.Host;
        }

        using var password = Secure(context.RevealPassword());
        try
        {
            var connection = new SqlConnection(settings.ConnectionString, new SqlCredential(context.Username, password));
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await TestQuery.RunAsync(connection, context, cancellationToken).ConfigureAwait(false);
            }

            return ConnectionProbeResult.Success;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var result = SqlServerFailureClassifier.Classify(ex);
            return result.Kind == ConnectionFailureKind.Unknown && SqlServerFailureClassifier.IsUnexplained(ex)
                ? await ExplainAsync(new IPEndPoint(address, context.Port), context.Ssl, ex, cancellationToken).ConfigureAwait(false)
                : result;
        }
    }

    private static async Task<ConnectionProbeResult?> ReachAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex)
        {
            return NetworkFailureClassifier.Classify(ex);
        }
    }

    /// <summary>Asks the port itself what SqlClient did not say: refused, not TDS, or TDS that failed TLS.</summary>
    private static async Task<ConnectionProbeResult> ExplainAsync(IPEndPoint endPoint, bool ssl, Exception failure, CancellationToken cancellationToken)
    {
        var answer = await TdsSniffer.FirstAnswerByteAsync(endPoint, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            null => await NetworkFailureClassifier.ExplainConnectFailureAsync(endPoint, failure, cancellationToken).ConfigureAwait(false),
            0x04 when ssl => ConnectionProbeResult.Failure(ConnectionFailureKind.TlsFailure, failure, "tls:handshake"),
            0x04 => ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, failure),
            -1 => ConnectionProbeResult.Failure(ConnectionFailureKind.ProtocolError, failure, "protocol:closed"),
            _ => ConnectionProbeResult.Failure(ConnectionFailureKind.ProtocolError, failure, $"protocol:0x{answer:X2}"),
        };
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
