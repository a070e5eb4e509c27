using MySqlConnector;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.MySql;

/// <summary>Maps what MySqlConnector throws to failure kinds: server error numbers, then the network classifier.</summary>
internal static class MySqlFailureClassifier
{
    public static ConnectionProbeResult Classify(Exception exception) =>
        NetworkFailureClassifier.ClassifyChain(exception, FromServer)
        ?? ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, exception);

    private static ConnectionProbeResult? FromServer(Exception exception)
    {
        if (exception is not MySqlException mysql || KindOf(mysql.Number) is not { } kind)
        {
            return null;
        }

        return ConnectionProbeResult.Failure(kind, $"{nameof(MySqlException)}: {mysql.Number}: {mysql.Message}", mysql.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>MySqlConnector's "unable to connect to host", reported without the socket error (also its answer when TLS is required and the server has none).</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost, InnerException: null };

    /// <summary>The kind of a MySQL / MariaDB server error number; <see langword="null"/> for the driver's own (network) codes.</summary>
    internal static ConnectionFailureKind? KindOf(int number) => number switch
    {
        1042 => null, // MySqlConnector's "unable to connect to host": the cause is the socket error inside it
        1045 or 1698 or 1251 => ConnectionFailureKind.AuthenticationFailed, // access denied; unix_socket-only user; unsupported auth plugin
        1049 => ConnectionFailureKind.DatabaseNotFound,
        1044 or 1130 => ConnectionFailureKind.PermissionDenied, // no access to the database; host not allowed
        1040 or 1203 or 1226 => ConnectionFailureKind.ServerUnavailable, // too many connections (server, user)
        >= 1000 and < 5000 => ConnectionFailureKind.Unknown,
        _ => null,
    };
}
