namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>The <c>postgres</c> vendor: PostgreSQL through Npgsql (default port 5432).</summary>
internal sealed class PostgreSqlConnectionProbe(PostgreSqlDataSourceCache dataSources) : IConnectionProbe
{
    public const string VendorName = "postgres";
    public const int DefaultPort = 5432;

    private readonly PostgreSqlProbe _probe = new(dataSources, redshift: false);

    public string Vendor => VendorName;

    public IReadOnlyCollection<string> SupportedOptions => PostgreSqlOptions.Accepted;

    public string? CheckOption(string key, string value) => PostgreSqlOptions.Check(VendorName, key, value);

    public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
        _probe.ProbeAsync(context, cancellationToken);
}
