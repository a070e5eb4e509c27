using System.Net;

namespace Trifacta.Connections.Probes;

/// <summary>
/// The part every built-in probe shares: resolve and vet the host through the context, then try each address in
/// turn while the failure is only that this address cannot be reached (refused, unreachable), as drivers do.
/// </summary>
internal static class AddressProbing
{
    public static async Task<ConnectionProbeResult> ProbeEachAddressAsync(
        ConnectionProbeContext context,
        Func<IPAddress, Task<ConnectionProbeResult>> probeAddress,
        Func<Exception, ConnectionProbeResult> classify,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await context.ResolveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ConnectionDryRunException && !cancellationToken.IsCancellationRequested)
        {
            return classify(ex);
        }

        var result = ConnectionProbeResult.Success;
        foreach (var address in addresses)
        {
            result = await probeAddress(address).ConfigureAwait(false);
            if (result.Kind is not (ConnectionFailureKind.ConnectionRefused or ConnectionFailureKind.HostUnreachable))
            {
                break;
            }
        }

        return result;
    }
}
