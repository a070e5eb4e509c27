namespace Trifacta.Connections;

/// <summary>
/// Tests a connection of one vendor against its real server: resolve, connect, TLS when asked, authenticate,
/// run the vendor's test query, close. Register one with <c>AddProbe&lt;TProbe&gt;()</c> on the builder that
/// <c>AddConnectionDryRun</c> returns; a later registration for the same vendor replaces an earlier one.
/// </summary>
public interface IConnectionProbe
{
    /// <summary>The vendor this probe tests, as requests name it (matched case-insensitively), e.g. <c>postgres</c>.</summary>
    string Vendor { get; }

    /// <summary>
    /// The <c>connectStrOpts</c> keys this probe accepts (matched case-insensitively). Any other key makes the
    /// request invalid, naming the key, before any network work.
    /// </summary>
    /// <value>Default: none.</value>
    IReadOnlyCollection<string> SupportedOptions => [];

    /// <summary>
    /// Checks one <c>connectStrOpts</c> pair before any network work. Keys that would change where or as whom the
    /// dry run connects, that read or write local files, or that the probe does not list must be refused.
    /// </summary>
    /// <param name="key">The key as the request wrote it.</param>
    /// <param name="value">The value, URL-decoded for the <c>?a=1&amp;b=2</c> form.</param>
    /// <returns><see langword="null"/> when accepted; otherwise what is wrong, completing "the key '…' …" (for example
    /// <c>is not accepted: it reads a local file</c>). Never include the value if it could be a secret.</returns>
    /// <value>Default: accepts the keys of <see cref="SupportedOptions"/> with any value.</value>
    string? CheckOption(string key, string value) =>
        SupportedOptions.Contains(key, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"is not accepted for vendor '{Vendor}' (accepted: {(SupportedOptions.Count == 0 ? "none" : string.Join(", ", SupportedOptions.Order(StringComparer.Ordinal)))}).";

    /// <summary>Opens the connection and runs the test query.</summary>
    /// <param name="context">The sealed connection to test; the password is revealed only on demand.</param>
    /// <param name="cancellationToken">Canceled when the caller cancels or a deadline expires; the probe must stop promptly and close what it opened.</param>
    /// <returns>Success, or a classified failure. Throw only for bugs; a probe that throws is reported as <see cref="ConnectionFailureKind.Unknown"/>.</returns>
    Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken);
}
