namespace Trifacta.Connections;

/// <summary>The encryption key cannot be had: its file is missing, unreadable, too short or too long.</summary>
public sealed class EncryptionKeyUnavailableException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public EncryptionKeyUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.EncryptionKeyUnavailable;
}
