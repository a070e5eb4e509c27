using System.Net;
using System.Net.Sockets;

namespace Trifacta.Connections.SqlServer;

/// <summary>
/// Explains a failure SqlClient reports only in words ("an error occurred during the pre-login handshake") by asking
/// the port itself: a fresh connection sends a TDS PRELOGIN packet; a SQL Server answers with a tabular-result packet
/// (type 0x04). Runs on that failure path only.
/// </summary>
internal static class TdsSniffer
{
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(2);

    // PRELOGIN (0x12), end of message, length 26: one VERSION option (offset 6, length 6), terminator, version bytes.
    private static ReadOnlySpan<byte> PreLogin =>
    [
        0x12, 0x01, 0x00, 0x1A, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x06, 0x00, 0x06, 0xFF,
        0x10, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>The first byte the port answers to PRELOGIN, or -1 when it closes without answering; <see langword="null"/> when it cannot be asked.</summary>
    public static async Task<int?> FirstAnswerByteAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaximumWait);
        try
        {
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, wait.Token).ConfigureAwait(false);
            await socket.SendAsync(PreLogin.ToArray(), SocketFlags.None, wait.Token).ConfigureAwait(false);
            var buffer = new byte[1];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
            return read == 0 ? -1 : buffer[0];
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
