namespace Trifacta.Connections;

/// <summary>The outcome of one probe attempt.</summary>
public sealed class ConnectionProbeResult
{
    private ConnectionProbeResult(ConnectionFailureKind? kind, string? cause, string? vendorCode)
    {
        Kind = kind;
        Cause = cause;
        VendorCode = vendorCode;
    }

    /// <summary>The connection opened, authenticated and answered the test query.</summary>
    public static ConnectionProbeResult Success { get; } = new(null, null, null);

    /// <summary>Whether the probe succeeded.</summary>
    public bool IsSuccess => Kind is null;

    /// <summary>The failure kind; <see langword="null"/> on success.</summary>
    public ConnectionFailureKind? Kind { get; }

    /// <summary>The cause as <c>&lt;short exception type&gt;: &lt;text&gt;</c>; the runner redacts secrets from it.</summary>
    public string? Cause { get; }

    /// <summary>The vendor's error code (SQLSTATE, error number, socket error), if any.</summary>
    public string? VendorCode { get; }

    /// <summary>Reports a failure.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="cause">The cause as <c>&lt;short exception type&gt;: &lt;text&gt;</c>.</param>
    /// <param name="vendorCode">The vendor's error code, if any.</param>
    public static ConnectionProbeResult Failure(ConnectionFailureKind kind, string cause, string? vendorCode = null)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new(kind, cause, vendorCode);
    }

    /// <summary>Reports a failure caused by an exception; the cause is <c>&lt;exception type name&gt;: &lt;message&gt;</c>.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="exception">The driver's exception.</param>
    /// <param name="vendorCode">The vendor's error code, if any.</param>
    public static ConnectionProbeResult Failure(ConnectionFailureKind kind, Exception exception, string? vendorCode = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(kind, exception.GetType().Name + ": " + exception.Message, vendorCode);
    }
}
