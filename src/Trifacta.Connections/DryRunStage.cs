namespace Trifacta.Connections;

/// <summary>The stages of a dry run, in order. Each is timed on <see cref="ConnectionDryRunDiagnostics.Timings"/>.</summary>
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

    /// <summary>The vendor's probe opens the connection, authenticates, runs its test query and closes.</summary>
    Test,

    /// <summary>The in-memory connection is deleted and its secrets wiped. Always runs.</summary>
    Delete,
}
