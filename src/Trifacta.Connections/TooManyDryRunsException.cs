namespace Trifacta.Connections;

/// <summary>The dry run was turned away: the host's concurrency limit and queue are full, or the wait for a slot ran out.</summary>
public sealed class TooManyDryRunsException : ConnectionDryRunException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which limit turned the run away.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TooManyDryRunsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ConnectionFailureKind Kind => ConnectionFailureKind.TooManyDryRuns;
}
