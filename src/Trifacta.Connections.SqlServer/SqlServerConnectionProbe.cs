namespace Trifacta.Connections.SqlServer;

/// <summary>The <c>sqlserver</c> vendor: SQL Server over TDS with Microsoft.Data.SqlClient (default port 1433).</summary>
internal sealed class SqlServerConnectionProbe : IConnectionProbe
{
    public const string VendorName = "sqlserver";
    public const int DefaultPort = 1433;

    private readonly SqlServerProbe _probe = new(VendorName);

    public string Vendor => VendorName;

    public IReadOnlyCollection<string> SupportedOptions => SqlServerOptions.Accepted;

    public string? CheckOption(string key, string value) => SqlServerOptions.Check(VendorName, key, value);

    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        _probe.ProbeAsync(context, cancellationToken);
}
