using Trifacta.Connections.Encryption;

namespace Trifacta.Connections;

/// <summary>
/// What a probe sees of the connection under test: its validated coordinates and its sealed credentials.
/// Created by the runner for one attempt; it stops working once the connection is deleted.
/// </summary>
public sealed class ConnectionProbeContext
{
    private readonly SealedConnection _connection;

    internal ConnectionProbeContext(SealedConnection connection, TimeSpan timeout)
    {
        _connection = connection;
        Timeout = timeout;
    }

    /// <summary>The in-memory connection's id, unique per dry run.</summary>
    public Guid ConnectionId => _connection.Id;

    /// <summary>The vendor, as the request named it.</summary>
    public string Vendor => _connection.Target.Vendor;

    /// <summary>The host name or address to connect to.</summary>
    public string Host => _connection.Target.Host;

    /// <summary>The TCP port.</summary>
    public int Port => _connection.Target.Port;

    /// <summary>The database, or <see langword="null"/> for the server's default.</summary>
    public string? Database => _connection.Target.Database;

    /// <summary>The user name.</summary>
    public string Username => _connection.Target.Username;

    /// <summary>Whether the connection must be encrypted with the server certificate verified.</summary>
    public bool Ssl => _connection.Target.Ssl;

    /// <summary>The <c>connectStrOpts</c> pairs, in order, with keys already checked against <see cref="IConnectionProbe.SupportedOptions"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options => _connection.Target.Options;

    /// <summary>The time this attempt may take; the cancellation token passed to the probe fires when it is spent.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Unseals the password for handing to the driver. Call it as late as possible and do not keep the string.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The connection has been deleted.</exception>
    public string RevealPassword() => _connection.RevealPassword();
}
