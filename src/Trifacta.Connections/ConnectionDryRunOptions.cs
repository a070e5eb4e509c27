namespace Trifacta.Connections;

/// <summary>Options of the dry run. Validated when the host starts (or at first use without a host).</summary>
/// <remarks>See <c>docs/configuration.md</c> for every option with its range and the reasons for its default.</remarks>
public sealed class ConnectionDryRunOptions
{
    /// <summary>The platform's default key file path.</summary>
    public const string DefaultEncryptionKeyFile = "/opt/trifacta/conf/.key/customerKey";

    /// <summary>
    /// The file holding the customer encryption key: any text of at least 16 characters (a trailing newline is
    /// ignored), at most 4 KiB. It is turned into an AES-256 key with HKDF-SHA256.
    /// </summary>
    /// <value>Default <c>/opt/trifacta/conf/.key/customerKey</c>, the platform's.</value>
    public string EncryptionKeyFile { get; set; } = DefaultEncryptionKeyFile;

    /// <summary>
    /// The overall deadline of one dry run, counted from its start and covering every attempt and the waits between
    /// them. When it expires the result is a <see cref="ConnectionFailureKind.Timeout"/> failure naming the stage.
    /// </summary>
    /// <value>Default 30 seconds; from 100 milliseconds to 10 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deadline of one attempt of the test stage: DNS, TCP connect, TLS, authentication and the test query.
    /// A blackholed host or a server that never answers fails after this long as <see cref="ConnectionFailureKind.Timeout"/>
    /// (timeouts are not retried). An attempt never outlasts what is left of <see cref="Timeout"/>.
    /// </summary>
    /// <value>Default 10 seconds; from 100 milliseconds to 5 minutes.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many attempts the test stage may make in all. Only transient failures
    /// (<see cref="ConnectionFailureKind.ServerUnavailable"/>) are tried again.
    /// </summary>
    /// <value>Default 3 (one try and two retries); from 1 (no retry) to 10.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The median wait before the first retry; each further retry waits about twice as long, with jitter
    /// (exponential backoff, decorrelated jitter).
    /// </summary>
    /// <value>Default 200 milliseconds; from 0 to 30 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A PEM file of CA certificates to trust, in addition to the system's, when a request asks for <c>ssl</c>.
    /// The server certificate is still verified against the request's host name. Requests cannot add trust.
    /// </summary>
    /// <value>Default <see langword="null"/>: the system's trusted CAs only.</value>
    public string? TrustedCaCertificatesFile { get; set; }

    /// <summary>Which hosts a dry run may connect to; safe by default (see <see cref="ConnectionHostPolicyOptions"/>).</summary>
    public ConnectionHostPolicyOptions HostPolicy { get; } = new();

    /// <summary>
    /// How many dry runs may run at once in this host; more wait in a queue. A flood of dry runs can neither exhaust
    /// the host nor hammer a target. Read when the first dry run starts.
    /// </summary>
    /// <value>Default 64; from 1 to 10,000.</value>
    public int MaxConcurrentDryRuns { get; set; } = 64;

    /// <summary>How many dry runs may wait for a slot; beyond that a dry run is turned away at once (<see cref="ConnectionFailureKind.TooManyDryRuns"/>). Read when the first dry run starts.</summary>
    /// <value>Default 256; from 0 to 100,000.</value>
    public int MaxQueuedDryRuns { get; set; } = 256;

    /// <summary>How long a dry run may wait for a slot before it is turned away (<see cref="ConnectionFailureKind.TooManyDryRuns"/>).</summary>
    /// <value>Default 10 seconds; from 0 to 10 minutes.</value>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Refuse a key file that the group or others may read, instead of logging a warning about it.
    /// </summary>
    /// <value>Default <see langword="false"/>: such a file is used, with a warning logged once per path.</value>
    public bool RequireStrictKeyFilePermissions { get; set; }
}
