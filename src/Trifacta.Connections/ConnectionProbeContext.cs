using System.Net;
using System.Net.Sockets;
using Trifacta.Connections.Encryption;
using Trifacta.Connections.Policy;
using Trifacta.Connections.Probes;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections;

/// <summary>
/// What a probe sees of the connection under test for one attempt: its validated coordinates, its sealed
/// credentials, and a way to report which sub-stage it is in. It stops working once the connection is deleted.
/// </summary>
public sealed class ConnectionProbeContext
{
    private readonly SealedConnection _connection;
    private readonly StageClock _clock;
    private bool _ended;

    private readonly IHostResolver _resolver;
    private readonly HostPolicy _policy;

    internal ConnectionProbeContext(SealedConnection connection, StageClock clock, int attempt, TimeSpan timeout, TrustPolicy trust, IHostResolver resolver, HostPolicy policy)
    {
        _connection = connection;
        _clock = clock;
        Attempt = attempt;
        Timeout = timeout;
        Trust = trust;
        _resolver = resolver;
        _policy = policy;
    }

    /// <summary>The in-memory connection's id, unique per dry run.</summary>
    public Guid ConnectionId => _connection.Id;

    /// <summary>Which attempt this is, from 1.</summary>
    public int Attempt { get; }

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

    /// <summary>The host's TLS trust settings (extra CAs), for probes that negotiate TLS.</summary>
    internal TrustPolicy Trust { get; }

    /// <summary>
    /// Reports that the probe has started <paramref name="stage"/> (<see cref="DryRunStage.Resolve"/>,
    /// <see cref="DryRunStage.Connect"/>, <see cref="DryRunStage.Tls"/>, <see cref="DryRunStage.Authenticate"/> or
    /// <see cref="DryRunStage.Query"/>), ending the one before. The timings and the failed stage of the result come
    /// from these reports. Reports after the attempt ended are ignored.
    /// </summary>
    /// <param name="stage">The sub-stage starting now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a sub-stage of the test stage.</exception>
    public void EnterStage(DryRunStage stage)
    {
        if (stage is < DryRunStage.Resolve or > DryRunStage.Query)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only the sub-stages of the test stage (Resolve to Query) can be reported by a probe.");
        }

        if (!Volatile.Read(ref _ended))
        {
            _clock.EnterSubStage(stage);
        }
    }

    /// <summary>
    /// Resolves <see cref="Host"/> and checks every address against the host policy; reports the
    /// <see cref="DryRunStage.Resolve"/> stage. A probe must connect to these addresses (and verify TLS against
    /// <see cref="Host"/>), never resolve the name again, so that what was checked is what is reached.
    /// </summary>
    /// <param name="cancellationToken">The attempt's token.</param>
    /// <returns>The addresses, in the resolver's order; never empty.</returns>
    /// <exception cref="BlockedByPolicyException">An address is one the host policy denies.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">DNS failed (for example <c>HostNotFound</c>).</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(CancellationToken cancellationToken)
    {
        EnterStage(DryRunStage.Resolve);
        var addresses = await _resolver.ResolveAsync(Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.NoData);
        }

        foreach (var address in addresses)
        {
            if (_policy.CheckAddress(Host, address) is { } refusal)
            {
                throw new BlockedByPolicyException(refusal);
            }
        }

        return addresses;
    }

    /// <summary>
    /// Unseals the password for handing to the driver. Call it as late as possible and do not keep the string.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The connection has been deleted.</exception>
    public string RevealPassword() => _connection.RevealPassword();

    /// <summary>Called by the runner when the attempt is over.</summary>
    internal void End()
    {
        Volatile.Write(ref _ended, true);
        _clock.EndSubStage();
    }
}
