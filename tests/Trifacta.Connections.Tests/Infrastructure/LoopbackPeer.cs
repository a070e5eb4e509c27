using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>
/// A small TCP peer on 127.0.0.1 that misbehaves in one chosen way, to produce the failures a real PostgreSQL server
/// cannot: a tarpit, a blackhole, an HTTP server, a PostgreSQL wire peer answering an error, a peer that refuses
/// TLS, a peer that resets mid-handshake. It counts the connections it accepted.
/// </summary>
public sealed class LoopbackPeer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task>? _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Task _acceptLoop;
    private int _connections;

    private LoopbackPeer(Func<Socket, CancellationToken, Task>? handler, int backlog = 64)
    {
        _handler = handler;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(backlog);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = handler is null ? Task.CompletedTask : Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>How many connections the peer accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Accepts TCP connections and never sends a byte.</summary>
    public static LoopbackPeer Tarpit() => new(static (_, token) => Task.Delay(Timeout.Infinite, token));

    /// <summary>
    /// A port whose accept queue is full and never drained: the kernel drops further SYNs, so a connect hangs as
    /// it does towards a blackholed address, without a packet leaving the machine.
    /// </summary>
    public static LoopbackPeer Blackhole()
    {
        var peer = new LoopbackPeer(handler: null, backlog: 0);
        var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        filler.Connect(IPAddress.Loopback, peer.Port);
        lock (peer._held)
        {
            peer._held.Add(filler);
        }

        return peer;
    }

    /// <summary>Answers whatever it is sent with an HTTP 400 response, as a web server on the wrong port would.</summary>
    public static LoopbackPeer Http() => new(static async (socket, token) =>
    {
        await ReadSomeAsync(socket, token);
        await socket.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), token);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>Speaks PostgreSQL's protocol far enough to refuse TLS and answer the startup with a FATAL error.</summary>
    public static LoopbackPeer PostgresError(string sqlState, string message) => new(async (socket, token) =>
    {
        if (!await AnswerSslRequestAsync(socket, 'N', token))
        {
            return;
        }

        await ReadMessageAsync(socket, token); // the startup message
        await socket.SendAsync(ErrorResponse(sqlState, message), token);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>A PostgreSQL-speaking peer without TLS: it answers N to the SSLRequest.</summary>
    public static LoopbackPeer PostgresWithoutTls() => PostgresError("28000", "no pg_hba.conf entry");

    /// <summary>
    /// Answers a new connection as a MySQL server does when it refuses it before the handshake (for example 1040,
    /// too many connections): a single ERR packet, then close.
    /// </summary>
    public static LoopbackPeer MySqlError(int number, string sqlState, string message) => new(async (socket, token) =>
    {
        var payload = new List<byte> { 0xFF, (byte)(number & 0xFF), (byte)(number >> 8), (byte)'#' };
        payload.AddRange(Encoding.ASCII.GetBytes(sqlState));
        payload.AddRange(Encoding.UTF8.GetBytes(message));
        byte[] packet = [(byte)(payload.Count & 0xFF), (byte)((payload.Count >> 8) & 0xFF), (byte)(payload.Count >> 16), 0, .. payload];
        await socket.SendAsync(packet, token);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>
    /// Greets like a MySQL server that has no TLS (its capability flags lack CLIENT_SSL), then waits: a client that
    /// requires TLS must give up on it.
    /// </summary>
    public static LoopbackPeer MySqlWithoutTls() => new(async (socket, token) =>
    {
        var payload = new List<byte> { 10 };
        payload.AddRange("5.7.0-no-tls\0"u8.ToArray());
        payload.AddRange(new byte[] { 1, 0, 0, 0 });                 // connection id
        payload.AddRange("abcdefgh\0"u8.ToArray());                  // auth data part 1 and filler
        const uint capabilities = 0x000FF7FF & ~0x00000800u;        // protocol 4.1, secure connection, plugin auth; no SSL
        payload.AddRange(new[] { (byte)(capabilities & 0xFF), (byte)((capabilities >> 8) & 0xFF) });
        payload.Add(33);                                            // utf8_general_ci
        payload.AddRange(new byte[] { 2, 0 });                      // status: autocommit
        payload.AddRange(new[] { (byte)((capabilities >> 16) & 0xFF), (byte)(capabilities >> 24) });
        payload.Add(21);                                            // auth data length
        payload.AddRange(new byte[10]);
        payload.AddRange("ijklmnopqrst\0"u8.ToArray());              // auth data part 2
        payload.AddRange("mysql_native_password\0"u8.ToArray());
        byte[] packet = [(byte)(payload.Count & 0xFF), (byte)((payload.Count >> 8) & 0xFF), (byte)(payload.Count >> 16), 0, .. payload];
        await socket.SendAsync(packet, token);
        await Task.Delay(Timeout.Infinite, token);
    });

    /// <summary>Reads the SSLRequest, then resets the connection.</summary>
    public static LoopbackPeer ResetMidHandshake() => new(static async (socket, token) =>
    {
        await ReadSomeAsync(socket, token);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    });

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            lock (_held)
            {
                _held.Add(socket);
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler!(socket, _stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
                {
                    // The client went away or the peer is stopping.
                }
            });
        }
    }

    private static async Task<bool> AnswerSslRequestAsync(Socket socket, char answer, CancellationToken token)
    {
        var request = await ReadMessageAsync(socket, token);
        if (request is null)
        {
            return false;
        }

        await socket.SendAsync(new[] { (byte)answer }, token);
        return true;
    }

    /// <summary>Reads one length-prefixed startup-phase message (Int32 length including itself, then the body).</summary>
    private static async Task<byte[]?> ReadMessageAsync(Socket socket, CancellationToken token)
    {
        var header = new byte[4];
        if (!await ReadExactlyAsync(socket, header, token))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header) - 4];
        return await ReadExactlyAsync(socket, body, token) ? body : null;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), token);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static async Task ReadSomeAsync(Socket socket, CancellationToken token) =>
        await socket.ReceiveAsync(new byte[1024], token);

    private static byte[] ErrorResponse(string sqlState, string message)
    {
        var fields = new MemoryStream();
        void Field(char code, string value)
        {
            fields.WriteByte((byte)code);
            fields.Write(Encoding.UTF8.GetBytes(value));
            fields.WriteByte(0);
        }

        Field('S', "FATAL");
        Field('V', "FATAL");
        Field('C', sqlState);
        Field('M', message);
        fields.WriteByte(0);
        var body = fields.ToArray();
        var packet = new byte[1 + 4 + body.Length];
        packet[0] = (byte)'E';
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(1), 4 + body.Length);
        body.CopyTo(packet, 5);
        return packet;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }
}
