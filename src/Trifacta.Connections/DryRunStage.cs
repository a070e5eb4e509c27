namespace Trifacta.Connections;

/// <summary>
/// The stages of a dry run, in order. Each is timed on <see cref="ConnectionDryRunDiagnostics.Timings"/>; the test
/// stage is made of the sub-stages <see cref="Resolve"/> to <see cref="Query"/>, timed for each attempt.
/// </summary>
public enum DryRunStage
{
    /// <summary>Every rule of the request is checked.</summary>
    Validate = 1,

    /// <summary>Vendor, credential type and host are checked against what is supported and allowed.</summary>
    Policy,

    /// <summary>The encryption key is obtained from <see cref="IEncryptionKeyProvider"/>.</summary>
    Key,

    /// <summary>The credentials are sealed with the key into an in-memory connection.</summary>
    Create,

    /// <summary>The vendor's probe opens the connection, authenticates, runs its test query and closes; all attempts.</summary>
    Test,

    /// <summary>The in-memory connection is deleted and its secrets wiped. Always runs.</summary>
    Delete,

    /// <summary>Part of <see cref="Test"/>: the host name is resolved to addresses.</summary>
    Resolve,

    /// <summary>Part of <see cref="Test"/>: the TCP connection is made.</summary>
    Connect,

    /// <summary>Part of <see cref="Test"/>: TLS is negotiated (when the server offers it or the request asks for it).</summary>
    Tls,

    /// <summary>Part of <see cref="Test"/>: the server authenticates the user and opens the session.</summary>
    Authenticate,

    /// <summary>Part of <see cref="Test"/>: the vendor's test query runs and the connection closes.</summary>
    Query,

    /// <summary>The dry run waits for one of the <c>MaxConcurrentDryRuns</c> slots (between policy and key).</summary>
    Queue,
}
