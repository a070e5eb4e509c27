namespace Trifacta.Connections;

/// <summary>
/// Which hosts a dry run may connect to. On by default: link-local and cloud metadata addresses and unspecified
/// addresses are denied. The library resolves every name itself, checks every address, and the driver connects to
/// a checked address, so a name cannot point elsewhere between the check and the connection.
/// </summary>
/// <remarks>A denial always wins over an allowance. See <c>docs/security.md</c>.</remarks>
public sealed class ConnectionHostPolicyOptions
{
    /// <summary>
    /// Deny link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254) and unspecified
    /// addresses (0.0.0.0/8, ::), in every spelling (IPv4-mapped, IPv4-compatible and NAT64 IPv6 forms, decimal,
    /// octal and hexadecimal IPv4).
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool DenyLinkLocalAndUnspecified { get; set; } = true;

    /// <summary>More networks to deny, in CIDR notation (<c>10.0.0.0/8</c>, <c>127.0.0.0/8</c>, <c>fc00::/7</c>).</summary>
    /// <value>Default empty.</value>
    public IList<string> DeniedNetworks { get; } = new List<string>();

    /// <summary>When not empty, every address a host resolves to must be inside one of these networks (CIDR).</summary>
    /// <value>Default empty: any address that is not denied.</value>
    public IList<string> AllowedNetworks { get; } = new List<string>();

    /// <summary>Host names to deny (case-insensitive); <c>*.example.com</c> denies every name under example.com.</summary>
    /// <value>Default empty.</value>
    public IList<string> DeniedHostNames { get; } = new List<string>();

    /// <summary>When not empty, the request's host must be one of these (same patterns as <see cref="DeniedHostNames"/>).</summary>
    /// <value>Default empty: any host that is not denied.</value>
    public IList<string> AllowedHostNames { get; } = new List<string>();
}
