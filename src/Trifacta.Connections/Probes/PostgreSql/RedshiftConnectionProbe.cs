namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// The <c>redshift</c> vendor (default port 5439): Amazon Redshift speaks the PostgreSQL protocol, tested with
/// Npgsql in its Redshift compatibility mode (no type loading, no features Redshift lacks).
/// </summary>
internal sealed class RedshiftConnectionProbe(PostgreSqlDataSourceCache dataSources) : IConnectionProbe
{
    public const string VendorName = "redshift";
    public const int DefaultPort = 5439;

    private readonly PostgreSqlProbe _probe = new(dataSources, redshift: true);

    public string Vendor => VendorName;

    public IReadOnlyCollection<string> SupportedOptions => PostgreSqlOptions.Accepted;

    public string? CheckOption(string key, string value) => PostgreSqlOptions.Check(VendorName, key, value);

    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        _probe.ProbeAsync(context, cancellationToken);
}
