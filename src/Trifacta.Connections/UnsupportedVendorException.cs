namespace Trifacta.Connections;

/// <summary>No probe is registered for the request's vendor.</summary>
public sealed class UnsupportedVendorException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public UnsupportedVendorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.UnsupportedVendor;
}
