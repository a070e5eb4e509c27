using Microsoft.Data.SqlClient;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.SqlServer;

/// <summary>Maps what SqlClient throws to failure kinds: <see cref="SqlException.Number"/>, then the network classifier.</summary>
internal static class SqlServerFailureClassifier
{
    public static ConnectionProbeResult Classify(Exception exception) =>
        NetworkFailureClassifier.ClassifyChain(exception, FromServer)
        ?? ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, exception);

    /// <summary>SqlClient's "could not connect" or "pre-login handshake failed" without a socket error that says why.</summary>
    public static bool IsUnexplained(Exception exception) => exception is SqlException { Number: 0 };

    private static ConnectionProbeResult? FromServer(Exception exception)
    {
        if (exception is not SqlException sql || KindOf(sql.Number) is not { } kind)
        {
            return null;
        }

        var firstLine = sql.Message.Split('\n', 2)[0].Trim();
        return ConnectionProbeResult.Failure(kind, $"{nameof(SqlException)}: {sql.Number}: {firstLine}", sql.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The kind of a SQL Server error number (https://learn.microsoft.com/sql/relational-databases/errors-events);
    /// <see langword="null"/> for numbers that only wrap a network error, so the inner exception decides.
    /// </summary>
    internal static ConnectionFailureKind? KindOf(int number) => number switch
    {
        18456 or 18452 or 18486 or 18487 or 18488 => ConnectionFailureKind.AuthenticationFailed, // login failed; untrusted domain; locked out; password expired / must change
        4060 => ConnectionFailureKind.DatabaseNotFound, // cannot open database requested by the login
        916 or 40532 => ConnectionFailureKind.PermissionDenied, // not a valid user in the database; cannot open server requested by the login
        40613 or 40197 or 40501 or 49918 or 49919 or 49920 or 10928 or 10929 or 4221 or 615 => ConnectionFailureKind.ServerUnavailable, // Azure: unavailable, reconfiguring, busy, resource limits
        -2 or 258 => ConnectionFailureKind.Timeout,
        0 or 11001 or 10061 or 10060 or 10065 or 53 or 40 or 2 => null, // network errors: the inner socket error decides
        _ => ConnectionFailureKind.Unknown,
    };
}
