using System.Net;

namespace Trifacta.Connections.Probes;

/// <summary>Resolves a host name to addresses; the seam that lets tests make DNS slow or fail.</summary>
internal interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/> (an IP literal resolves to itself).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">DNS failed (for example <c>HostNotFound</c>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
