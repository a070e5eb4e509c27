using System.Net;
using System.Net.Sockets;

namespace Trifacta.Connections.MySql;

/// <summary>
/// Explains a failure MySqlConnector reports only in words when TLS was required ("server does not support SSL") by
/// reading the server's greeting itself: its capability flags say whether it offers TLS (CLIENT_SSL). Runs on that
/// failure path only.
/// </summary>
internal static class MySqlHandshakeSniffer
{
    private const int ClientSsl = 0x0800;
    private static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(2);

    /// <summary>Whether the server's greeting offers TLS; <see langword="null"/> when there is no readable greeting.</summary>
    public static async Task<bool?> OffersTlsAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaximumWait);
        try
        {
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, wait.Token).ConfigureAwait(false);
            var buffer = new byte[512];
            var read = 0;
            while (read < 4 || read < 4 + (buffer[0] | buffer[1] << 8 | buffer[2] << 16))
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, wait.Token).ConfigureAwait(false);
                if (n == 0 || (read += n) == buffer.Length)
                {
                    break;
                }
            }

            // Greeting (protocol 10): version, NUL, connection id (4), auth data (8), filler (1), capabilities (2).
            var payload = buffer.AsSpan(4, Math.Max(0, read - 4));
            if (payload.IsEmpty || payload[0] != 10)
            {
                return null;
            }

            var versionEnd = payload[1..].IndexOf((byte)0);
            var flags = 1 + versionEnd + 1 + 4 + 8 + 1;
            return versionEnd < 0 || payload.Length < flags + 2 ? null : (payload[flags] & ClientSsl) != 0;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
