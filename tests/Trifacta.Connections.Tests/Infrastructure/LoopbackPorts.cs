using System.Net;
using System.Net.Sockets;

namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>Loopback ports for the tests.</summary>
public static class LoopbackPorts
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now: for a server to take, or for a refused connection.</summary>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
