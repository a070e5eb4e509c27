namespace Trifacta.Connections;

/// <summary>What kind of failure a dry run met. Classified on exception types, SQLSTATE and error numbers, never on message text.</summary>
public enum ConnectionFailureKind
{
    /// <summary>The request breaks a rule: a missing or conflicting field, a port out of range, a bad driver option.</summary>
    InvalidRequest = 1,

    /// <summary>No probe is registered for the request's vendor.</summary>
    UnsupportedVendor,

    /// <summary>The credential type is not one this library tests.</summary>
    UnsupportedCredentialType,

    /// <summary>The host policy refuses the target (for example a cloud metadata address).</summary>
    BlockedByPolicy,

    /// <summary>The encryption key could not be had: the key file is missing, unreadable, too short or too long.</summary>
    EncryptionKeyUnavailable,

    /// <summary>DNS has no such name.</summary>
    HostNotFound,

    /// <summary>Nothing listens on the port.</summary>
    ConnectionRefused,

    /// <summary>No route to the host, or the network is down.</summary>
    HostUnreachable,

    /// <summary>A deadline expired: the host never answered, or answered too slowly.</summary>
    Timeout,

    /// <summary>The secure connection could not be established: the server has no TLS or its certificate is rejected.</summary>
    TlsFailure,

    /// <summary>The server refused the credentials.</summary>
    AuthenticationFailed,

    /// <summary>The server has no such database.</summary>
    DatabaseNotFound,

    /// <summary>The user may not connect to the database.</summary>
    PermissionDenied,

    /// <summary>The server is not accepting connections now (starting up, too many connections). Transient.</summary>
    ServerUnavailable,

    /// <summary>The port speaks another protocol.</summary>
    ProtocolError,

    /// <summary>Anything else; the vendor's code is kept in <see cref="ConnectionDryRunDiagnostics.VendorCode"/>.</summary>
    Unknown,

    /// <summary>The host is already running <c>MaxConcurrentDryRuns</c> dry runs and the queue is full or the wait too long. Transient: try again shortly.</summary>
    TooManyDryRuns,
}
