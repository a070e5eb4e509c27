using System.Text.Json;
using Trifacta.Connections.Json;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections;

/// <summary>Dry runs straight from the platform's JSON body, for hosts that receive it over HTTP.</summary>
public static class ConnectionDryRunnerExtensions
{
    /// <summary>The largest body read, in bytes (64 KiB; the platform's bodies are well under 2 KiB).</summary>
    public const int MaxRequestBytes = RequestLimits.RequestBytes;

    private static readonly ConnectionDryRunJsonContext Bounded = new(new JsonSerializerOptions { MaxDepth = RequestLimits.JsonDepth });

    /// <summary>
    /// Reads the v4 request body and runs the dry run. A body that is too large, too deep, not JSON, or JSON of the
    /// wrong shape is an <see cref="ConnectionFailureKind.InvalidRequest"/> result, never an exception.
    /// </summary>
    /// <param name="runner">The runner.</param>
    /// <param name="utf8Json">The body, UTF-8 JSON, at most <see cref="MaxRequestBytes"/> bytes.</param>
    /// <param name="cancellationToken">Cancels the dry run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static Task<ConnectionDryRunResult> DryRunAsync(this IConnectionDryRunner runner, ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        cancellationToken.ThrowIfCancellationRequested();
        if (utf8Json.Length > MaxRequestBytes)
        {
            return Rejected(runner, "$", $"the request body is {utf8Json.Length} bytes; at most {MaxRequestBytes} are read.");
        }

        ConnectionDryRunRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(utf8Json.Span, Bounded.ConnectionDryRunRequest);
        }
        catch (JsonException ex)
        {
            // The serializer's message names the path and position, never the value.
            return Rejected(runner, ex.Path ?? "$", ex.Message);
        }

        return request is null
            ? Rejected(runner, "$", "the request body is JSON null; a connection object is expected.")
            : runner.DryRunAsync(request, cancellationToken);
    }

    // A body that never became a request is still logged and counted like any failed dry run.
    private static Task<ConnectionDryRunResult> Rejected(IConnectionDryRunner runner, string path, string problem)
    {
        var result = DryRunResults.InvalidBody(path, problem);
        (runner as ConnectionDryRunner)?.RecordRejectedBody(result);
        return Task.FromResult(result);
    }
}
