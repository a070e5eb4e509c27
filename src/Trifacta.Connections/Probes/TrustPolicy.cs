using System.Security.Cryptography.X509Certificates;

namespace Trifacta.Connections.Probes;

/// <summary>The host's TLS trust for <c>ssl</c> connections: the system's CAs, plus the configured ones when any.</summary>
internal sealed class TrustPolicy
{
    public static readonly TrustPolicy System = new(null, null);

    private TrustPolicy(string? caFile, X509ChainPolicy? chainPolicy)
    {
        CaFile = caFile;
        ChainPolicy = chainPolicy;
    }

    /// <summary>The configured CA file, part of what a TLS connection is cached by.</summary>
    public string? CaFile { get; }

    /// <summary>The chain policy to give the TLS stack; <see langword="null"/> for the system default.</summary>
    public X509ChainPolicy? ChainPolicy { get; }

    public static TrustPolicy For(string? caFile) =>
        caFile is null ? System : new TrustPolicy(caFile, TrustedCertificates.ChainPolicy(TrustedCertificates.Load(caFile)));
}
