namespace Trifacta.Connections;

/// <summary>Options of the dry run. Validated when the host starts (or at first use without a host).</summary>
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

    /// <summary>The overall deadline of one dry run, from validation to delete. When it expires the result is a <see cref="ConnectionFailureKind.Timeout"/> failure naming the stage.</summary>
    /// <value>Default 30 seconds; from 100 milliseconds to 10 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
