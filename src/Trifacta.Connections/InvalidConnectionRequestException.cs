namespace Trifacta.Connections;

/// <summary>The connection request breaks a rule (a missing or conflicting field, a port out of range, a rejected driver option).</summary>
public sealed class InvalidConnectionRequestException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InvalidConnectionRequestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.InvalidRequest;
}
