namespace Trifacta.Connections;

/// <summary>The request's credential type is not one this library tests.</summary>
public sealed class UnsupportedCredentialTypeException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public UnsupportedCredentialTypeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.UnsupportedCredentialType;
}
