using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Trifacta.Connections.Probes;

/// <summary>
/// Verifies a server certificate for an <c>ssl</c> connection (chain trusted by the system and the host's extra
/// CAs, name matching the request's host, within its validity) and remembers why it refused one, so the result can
/// say exactly what is wrong instead of "the handshake failed".
/// </summary>
internal sealed class ServerCertificateCheck(string host)
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
