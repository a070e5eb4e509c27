using System.Net;

namespace Trifacta.Connections.Probes;

/// <summary>
/// The system resolver. The OS lookup itself cannot always be interrupted, so the wait for it is abandoned when the
/// token fires: a slow DNS server cannot hold a dry run past its attempt timeout.
/// </summary>
internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal)
            ? Task.FromResult(new[] { literal })
            : Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(cancellationToken);
}
