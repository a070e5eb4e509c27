namespace Trifacta.Connections;

/// <summary>
/// Base of this library's exceptions. A failure before any network work is reported with the exception type's
/// full name in the v4 result, and a probe or key provider may throw one to report its kind.
/// </summary>
public abstract class ConnectionDryRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected ConnectionDryRunException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The failure kind this exception reports.</summary>
    public abstract ConnectionFailureKind Kind { get; }
}
