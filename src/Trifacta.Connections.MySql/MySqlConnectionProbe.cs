using System.Net;
using MySqlConnector;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.MySql;

/// <summary>
/// The <c>mysql</c> vendor (MySQL and MariaDB, default port 3306) on MySqlConnector: resolve and vet the host through
/// the context, then for each address open an unpooled connection with the sealed password (given through the
/// driver's password callback, never in a connection string), <c>SELECT 1</c>, close.
/// </summary>
internal sealed class MySqlConnectionProbe : IConnectionProbe
{
    public const string VendorName = "mysql";
    public const int DefaultPort = 3306;
    public string Vendor => VendorName;

    public IReadOnlyCollection<string> SupportedOptions => MySqlOptions.Accepted;

    public string? CheckOption(string key, string value) => MySqlOptions.Check(key, value);

    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        AddressProbing.ProbeEachAddressAsync(context, address => ProbeAddressAsync(context, address, cancellationToken), MySqlFailureClassifier.Classify, cancellationToken);

    private static async Task<ConnectionProbeResult> ProbeAddressAsync(ConnectionProbeContext context, IPAddress address, CancellationToken cancellationToken)
    {
        context.EnterStage(DryRunStage.Connect);
        var options = MySqlOptions.From(context.Options);
        var timeoutSeconds = (uint)Math.Clamp(Math.Ceiling(context.Timeout.TotalSeconds) + 1, 2, 3600);
        var settings = new MySqlConnectionStringBuilder
        {
            Server = address.ToString(),
            Port = (uint)context.Port,
            Database = context.Database ?? string.Empty,
            UserID = context.Username,
            Pooling = false,
            ConnectionTimeout = Math.Min(timeoutSeconds, options.ConnectTimeoutSeconds ?? uint.MaxValue),
            DefaultCommandTimeout = timeoutSeconds,
            SslMode = context.Ssl ? MySqlSslMode.Required : MySqlSslMode.Preferred,
            AllowLoadLocalInfile = false,
            AllowPublicKeyRetrieval = options.AllowPublicKeyRetrieval,
            ApplicationName = options.ApplicationName ?? "trifacta-dryrun",
        };
        if (options.CharacterSet is { } characterSet)
        {
            settings.CharacterSet = characterSet;
        }

        var password = context.RevealPassword();
        var certificate = context.Ssl ? new ServerCertificateCheck(context.Host, context.Trust.ChainPolicy) : null;
        var connection = new MySqlConnection(settings.ConnectionString)
        {
            ProvidePasswordCallback = _ =>
            {
                context.EnterStage(DryRunStage.Authenticate);
                return password;
            },
        };
        if (certificate is not null)
        {
            connection.RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
            {
                context.EnterStage(DryRunStage.Tls);
                return certificate.ValidateIndependently(sender, cert, chain, errors);
            };
        }

        try
        {
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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

            var result = MySqlFailureClassifier.Classify(ex);
            if (result.Kind != ConnectionFailureKind.Unknown)
            {
                return result;
            }

            var endPoint = new IPEndPoint(address, context.Port);
            if (MySqlFailureClassifier.IsUnreachable(ex)
                && await NetworkFailureClassifier.ExplainConnectFailureAsync(endPoint, ex, cancellationToken).ConfigureAwait(false) is { Kind: not ConnectionFailureKind.Unknown } explained)
            {
                return explained;
            }

            // TLS was required and the driver gave up before any certificate: does the server offer TLS at all?
            return context.Ssl && await MySqlHandshakeSniffer.OffersTlsAsync(endPoint, cancellationToken).ConfigureAwait(false) == false
                ? ConnectionProbeResult.Failure(ConnectionFailureKind.TlsFailure, ex, "ssl:refused")
                : result;
        }
    }
}
