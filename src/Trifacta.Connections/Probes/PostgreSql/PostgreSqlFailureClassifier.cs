using Npgsql;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>Maps what Npgsql throws to failure kinds: SQLSTATE for server errors, then the network classifier.</summary>
internal static class PostgreSqlFailureClassifier
{
    public static ConnectionProbeResult Classify(Exception exception) =>
        NetworkFailureClassifier.ClassifyChain(exception, FromServer)
        ?? ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, exception);

    /// <summary>
    /// Whether Npgsql reported the failure only in words: a plain <see cref="NpgsqlException"/> with no cause
    /// (TLS refused by the server, or an answer that is not PostgreSQL's protocol).
    /// </summary>
    public static bool IsUnexplained(Exception exception) =>
        exception.GetType() == typeof(NpgsqlException) && exception.InnerException is null;

    // The cause is the SQLSTATE and the server's message, without Npgsql's DETAIL line (which may carry data, and
    // otherwise tells the reader to change a connection string they do not have).
    private static ConnectionProbeResult? FromServer(Exception exception) =>
        exception is PostgresException postgres
            ? ConnectionProbeResult.Failure(KindOf(postgres.SqlState), $"{nameof(PostgresException)}: {postgres.SqlState}: {postgres.MessageText}", postgres.SqlState)
            : null;

    /// <summary>The kind of a SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).</summary>
    internal static ConnectionFailureKind KindOf(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => ConnectionFailureKind.AuthenticationFailed,
        PostgresErrorCodes.InvalidCatalogName => ConnectionFailureKind.DatabaseNotFound,
        PostgresErrorCodes.InsufficientPrivilege => ConnectionFailureKind.PermissionDenied,
        PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections => ConnectionFailureKind.ServerUnavailable,
        _ => ConnectionFailureKind.Unknown,
    };
}
