using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// Explains a failure Npgsql reports only in words (a bare <see cref="NpgsqlException"/>: the server refused TLS,
/// or the port answered with something that is not PostgreSQL) by asking the port itself: a fresh connection sends
/// the protocol's SSLRequest and reads the one-byte answer. A PostgreSQL server answers <c>S</c> or <c>N</c>.
/// Runs only on this failure path, so a working connection pays nothing for it.
/// </summary>
internal static class PostgreSqlProtocolSniffer
{
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(2);

    // Int32 length 8, then the SSLRequest code 80877103.
    private static ReadOnlySpan<byte> SslRequest => [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    public static async Task<ConnectionProbeResult> ExplainAsync(IPEndPoint endPoint, bool sslRequired, Exception failure, CancellationToken cancellationToken)
    {
        int answer;
        try
        {
            answer = await FirstAnswerByteAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, failure);
        }

        return answer switch
        {
            'N' when sslRequired => ConnectionProbeResult.Failure(ConnectionFailureKind.TlsFailure, failure, "ssl:refused"),
            'S' or 'N' or 'E' => ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, failure),
            _ => ConnectionProbeResult.Failure(ConnectionFailureKind.ProtocolError, failure, answer < 0 ? "protocol:closed" : $"protocol:0x{answer:X2}"),
        };
    }

    /// <summary>The first byte the port answers to an SSLRequest, or -1 when it closes without answering.</summary>
    private static async Task<int> FirstAnswerByteAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaximumWait);
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, wait.Token).ConfigureAwait(false);
        await socket.SendAsync(SslRequest.ToArray(), SocketFlags.None, wait.Token).ConfigureAwait(false);
        var buffer = new byte[1];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
        return read == 0 ? -1 : buffer[0];
    }
}
