namespace Trifacta.Connections.Runner;

/// <summary>The fixed v4 texts of SPEC §4: the exception name of network failures and the message per kind.</summary>
internal static class FailureCatalog
{
    public const string JdbcConnectionException = "com.trifacta.connect.spring.exception.JdbcConnectionException";

    /// <summary>The platform's documented cause of a refused TCP connection, produced exactly.</summary>
    public const string ConnectionRefusedCause = "ConnectException: Connection refused (Connection refused)";

    public static string MessageFor(ConnectionFailureKind kind) => kind switch
    {
        ConnectionFailureKind.Timeout => "Connection timed out",
        ConnectionFailureKind.TlsFailure => "Could not establish a secure connection",
        ConnectionFailureKind.AuthenticationFailed => "Authentication failed",
        ConnectionFailureKind.DatabaseNotFound => "Database not found",
        ConnectionFailureKind.PermissionDenied => "Permission denied",
        ConnectionFailureKind.ServerUnavailable => "Server is not accepting connections",
        ConnectionFailureKind.ProtocolError => "Unexpected response from host",
        _ => "Could not connect to host",
    };

    /// <summary>Worth trying again later. Only ServerUnavailable is retried inside a dry run; TooManyDryRuns is the caller's to retry.</summary>
    public static bool IsTransient(ConnectionFailureKind kind) => kind is ConnectionFailureKind.ServerUnavailable or ConnectionFailureKind.TooManyDryRuns;

    /// <summary>Kinds found before any network work; they carry this library's exception type names.</summary>
    public static string? LibraryExceptionName(ConnectionFailureKind kind) => kind switch
    {
        ConnectionFailureKind.InvalidRequest => typeof(InvalidConnectionRequestException).FullName,
        ConnectionFailureKind.UnsupportedVendor => typeof(UnsupportedVendorException).FullName,
        ConnectionFailureKind.UnsupportedCredentialType => typeof(UnsupportedCredentialTypeException).FullName,
        ConnectionFailureKind.EncryptionKeyUnavailable => typeof(EncryptionKeyUnavailableException).FullName,
        ConnectionFailureKind.BlockedByPolicy => typeof(BlockedByPolicyException).FullName,
        ConnectionFailureKind.TooManyDryRuns => typeof(TooManyDryRunsException).FullName,
        _ => null,
    };
}
