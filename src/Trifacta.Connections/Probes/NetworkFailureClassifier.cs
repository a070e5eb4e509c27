using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Trifacta.Connections.Probes;

/// <summary>
/// Classifies what the network and TLS layers throw, by exception type and socket error code, for every probe.
/// </summary>
internal static class NetworkFailureClassifier
{
    /// <summary>Classifies one exception of the chain, or returns <see langword="null"/> when it is not a network one.</summary>
    public static ConnectionProbeResult? Classify(Exception exception) => exception switch
    {
        SocketException socket => FromSocket(socket),
        AuthenticationException => ConnectionProbeResult.Failure(ConnectionFailureKind.TlsFailure, exception, "tls:handshake"),
        // The peer closed the connection in the middle of the protocol: it is not the server it was taken for.
        EndOfStreamException => ConnectionProbeResult.Failure(ConnectionFailureKind.ProtocolError, exception, "protocol:closed"),
        TimeoutException => ConnectionProbeResult.Failure(ConnectionFailureKind.Timeout, exception),
        _ => null,
    };

    private static ConnectionProbeResult FromSocket(SocketException socket)
    {
        var kind = socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => ConnectionFailureKind.ConnectionRefused,
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ConnectionFailureKind.HostNotFound,
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown
                or SocketError.AddressNotAvailable or SocketError.HostDown => ConnectionFailureKind.HostUnreachable,
            SocketError.TimedOut => ConnectionFailureKind.Timeout,
            SocketError.ConnectionReset or SocketError.ConnectionAborted => ConnectionFailureKind.ProtocolError,
            _ => ConnectionFailureKind.Unknown,
        };

        return ConnectionProbeResult.Failure(kind, socket, "socket:" + socket.SocketErrorCode);
    }

    /// <summary>Walks the exception and its inner exceptions, outermost first, and returns the first classification.</summary>
    public static ConnectionProbeResult? ClassifyChain(Exception exception, Func<Exception, ConnectionProbeResult?> vendorClassifier)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if ((vendorClassifier(current) ?? Classify(current)) is { } result)
            {
                return result;
            }
        }

        return null;
    }

    /// <summary>
    /// For drivers that report "could not connect" without the socket error (MySqlConnector): connects to the
    /// address once more, on this failure path only, and classifies what the socket says. A connection that now
    /// succeeds leaves the failure Unknown.
    /// </summary>
    public static async Task<ConnectionProbeResult> ExplainConnectFailureAsync(IPEndPoint endPoint, Exception failure, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return FromSocket(ex);
        }

        return ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, failure);
    }
}
