using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Trifacta.Connections.Probes;

/// <summary>
/// The certificate chain policy for <c>ssl</c> connections when the host adds CAs
/// (<see cref="ConnectionDryRunOptions.TrustedCaCertificatesFile"/>): the system's roots plus the file's.
/// Loaded once per file path; the host name is still checked by the TLS stack against the request's host.
/// </summary>
internal static class TrustedCertificates
{
    private static readonly ConcurrentDictionary<string, X509Certificate2Collection> Files = new(StringComparer.Ordinal);

    /// <summary>Loads the PEM file's certificates; throws <see cref="InvalidOperationException"/> naming the path.</summary>
    public static X509Certificate2Collection Load(string path) => Files.GetOrAdd(path, static p =>
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(p);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"The trusted CA certificates file '{p}' cannot be read as PEM certificates ({ex.GetType().Name}).", ex);
        }

        return certificates.Count == 0
            ? throw new InvalidOperationException($"The trusted CA certificates file '{p}' holds no PEM certificate.")
            : certificates;
    });

    /// <summary>A chain policy trusting the system's roots and the extra CAs.</summary>
    public static X509ChainPolicy ChainPolicy(X509Certificate2Collection extra)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        using (var system = new X509Store(StoreName.Root, StoreLocation.LocalMachine))
        {
            system.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            policy.CustomTrustStore.AddRange(system.Certificates);
        }

        policy.CustomTrustStore.AddRange(extra);
        return policy;
    }

}
