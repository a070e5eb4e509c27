using System.Net;
using System.Net.Sockets;

namespace Trifacta.Connections.Policy;

/// <summary>The compiled <see cref="ConnectionHostPolicyOptions"/>: checks host names and addresses.</summary>
internal sealed class HostPolicy
{
    private static readonly (IPNetwork Network, string Why)[] LinkLocalAndUnspecified =
    [
        (IPNetwork.Parse("169.254.0.0/16"), "link-local and cloud metadata addresses"),
        (IPNetwork.Parse("fe80::/10"), "link-local addresses"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata addresses"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified addresses"),
        (IPNetwork.Parse("::/128"), "unspecified addresses"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly (IPNetwork Network, string Why)[] _denied;
    private readonly IPNetwork[] _allowed;
    private readonly string[] _deniedNames;
    private readonly string[] _allowedNames;

    public HostPolicy(ConnectionHostPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _denied = [.. options.DenyLinkLocalAndUnspecified ? LinkLocalAndUnspecified : [], .. options.DeniedNetworks.Select(n => (ParseNetwork(n), $"the denied network {n}"))];
        _allowed = [.. options.AllowedNetworks.Select(ParseNetwork)];
        _deniedNames = [.. options.DeniedHostNames.Select(Normalize)];
        _allowedNames = [.. options.AllowedHostNames.Select(Normalize)];
    }

    /// <summary>Parses a CIDR network; throws <see cref="FormatException"/> naming it.</summary>
    public static IPNetwork ParseNetwork(string cidr) =>
        IPNetwork.TryParse(cidr?.Trim(), out var network) ? network : throw new FormatException($"'{cidr}' is not a network in CIDR notation (such as 10.0.0.0/8 or fc00::/7).");

    /// <summary>Checks the request's host as written: names against the name lists, IP literals (in any spelling) against the networks.</summary>
    public string? CheckHost(string host)
    {
        var name = Normalize(host);
        if (_deniedNames.FirstOrDefault(pattern => Matches(pattern, name)) is { } denied)
        {
            return $"The host '{host}' is denied by the host policy (DeniedHostNames: {denied}).";
        }

        if (_allowedNames.Length > 0 && !_allowedNames.Any(pattern => Matches(pattern, name)))
        {
            return $"The host '{host}' is not one the host policy allows (AllowedHostNames).";
        }

        return IPAddress.TryParse(host, out var literal) ? CheckAddress(host, literal, isLiteral: true) : null;
    }

    /// <summary>Checks one address <paramref name="host"/> is (<paramref name="isLiteral"/>) or resolves to.</summary>
    public string? CheckAddress(string host, IPAddress address, bool isLiteral = false)
    {
        var subject = isLiteral ? $"The host {host} is {address}," : $"The host '{host}' resolves to {address},";
        foreach (var candidate in Spellings(address))
        {
            foreach (var (network, why) in _denied)
            {
                if (network.Contains(candidate))
                {
                    return $"{subject} an address the host policy denies ({why}).";
                }
            }
        }

        if (_allowed.Length > 0 && !Spellings(address).Any(a => _allowed.Any(n => n.Contains(a))))
        {
            return $"{subject} which is outside the networks the host policy allows (AllowedNetworks).";
        }

        return null;
    }

    /// <summary>The address and any IPv4 address it embeds (IPv4-mapped, IPv4-compatible, NAT64).</summary>
    private static IEnumerable<IPAddress> Spellings(IPAddress address)
    {
        yield return address;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            yield break;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            yield return address.MapToIPv4();
            yield break;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback);
        if (compatible || Nat64.Contains(address))
        {
            yield return new IPAddress(bytes[12..]);
        }
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private static bool Matches(string pattern, string name) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? name.EndsWith(pattern[1..], StringComparison.Ordinal)
            : string.Equals(pattern, name, StringComparison.Ordinal);
}
