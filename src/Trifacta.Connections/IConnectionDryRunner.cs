namespace Trifacta.Connections;

/// <summary>
/// Performs the platform's connection dry run: validate the request, check policy, get the key, create the
/// connection in memory, test it against the real server, delete it, and answer SUCCESS or FAILURE.
/// </summary>
public interface IConnectionDryRunner
{
    /// <summary>Runs one dry run.</summary>
    /// <param name="request">The platform's v4 request body.</param>
    /// <param name="cancellationToken">Cancels the run; the connection is still deleted before the method returns.</param>
    /// <returns>The result; a failed dry run is a result, not an exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    Task<ConnectionDryRunResult> DryRunAsync(ConnectionDryRunRequest request, CancellationToken cancellationToken = default);
}
