using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Trifacta.Connections.Probes;

/// <summary>
/// Verifies a server certificate for an <c>ssl</c> connection (chain trusted by the system and the host's extra
/// CAs, name matching the request's host, within its validity) and remembers why it refused one, so the result can
/// say exactly what is wrong instead of "the handshake failed".
/// </summary>
internal sealed class ServerCertificateCheck(string host, X509ChainPolicy? trust = null)
{
    public SslPolicyErrors Errors { get; private set; }

    public X509ChainStatusFlags ChainProblems { get; private set; }

    public bool Refused => Errors != SslPolicyErrors.None;

    /// <summary>The TLS stack's validation callback: accepts only a certificate with no error at all.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        Errors = errors;
        foreach (var status in chain?.ChainStatus ?? [])
        {
            ChainProblems |= status.Status;
        }

        return false;
    }

    /// <summary>
    /// A validation callback for drivers that verify against the address they connected to (MySqlConnector,
    /// SqlClient): it ignores the TLS stack's verdict, builds the chain again under the host's trust (system CAs
    /// plus the configured ones) and checks the certificate against the request's host name.
    /// </summary>
    public bool ValidateIndependently(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Errors = SslPolicyErrors.RemoteCertificateNotAvailable;
            return false;
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy = trust?.Clone() ?? new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck };
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var problems = SslPolicyErrors.None;
        if (!chain.Build(server))
        {
            problems |= SslPolicyErrors.RemoteCertificateChainErrors;
            foreach (var status in chain.ChainStatus)
            {
                ChainProblems |= status.Status;
            }
        }

        if (!server.MatchesHostname(host))
        {
            problems |= SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        Errors = problems;
        return problems == SslPolicyErrors.None;
    }

    /// <summary>Why the certificate was refused, as a cause and a vendor code.</summary>
    public ConnectionProbeResult Describe()
    {
        if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Failure("the server sent no certificate", "tls:no-certificate");
        }

        if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Failure($"the server certificate does not name '{host}'", "tls:name-mismatch");
        }

        var problems = ChainProblems == X509ChainStatusFlags.NoError ? "chain errors" : ChainProblems.ToString();
        return Failure($"the server certificate is not trusted ({problems}); a host can trust its CA with TrustedCaCertificatesFile", "tls:untrusted");
    }

    private static ConnectionProbeResult Failure(string text, string code) =>
        ConnectionProbeResult.Failure(ConnectionFailureKind.TlsFailure, "AuthenticationException: The secure connection was refused: " + text + ".", code);
}
