namespace Trifacta.Connections;

/// <summary>The host policy refuses the request's host or an address it resolves to; nothing was sent to it.</summary>
public sealed class BlockedByPolicyException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and by which rule; never a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BlockedByPolicyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.BlockedByPolicy;
}
