using System.Text.Json;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

/// <summary>The redshift vendor: the PostgreSQL protocol in Npgsql's Redshift compatibility mode, against the local PostgreSQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class RedshiftDryRunTests(PostgreSqlServerFixture server) : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private ConnectionDryRunRequest Redshift(string password = PostgreSqlServerFixture.Password, string? database = PostgreSqlServerFixture.Database) =>
        server.Request(password: password, database: database) with
        {
            Vendor = "redshift",
            VendorName = "redshift",
            ConnectParams = server.Request(password: password, database: database).ConnectParams! with { Vendor = "redshift", VendorName = "redshift" },
        };

    [Fact]
    public async Task A_redshift_dry_run_succeeds_against_a_PostgreSQL_protocol_server()
    {
        using var host = new DryRunHost(_key.Path);

        var result = await host.Runner.DryRunAsync(Redshift());

        JsonSerializer.Serialize(result).Should().Be("""{"result":"SUCCESS","reason":null}""");
        result.Diagnostics.Vendor.Should().Be("redshift");
    }

    [Fact]
    public async Task A_redshift_dry_run_maps_failures_like_PostgreSQL()
    {
        using var host = new DryRunHost(_key.Path);

        (await host.Runner.DryRunAsync(Redshift(password: "wrong"))).Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
        (await host.Runner.DryRunAsync(Redshift(database: "no_such_db"))).Diagnostics.Kind.Should().Be(ConnectionFailureKind.DatabaseNotFound);
    }

    [Fact]
    public async Task Redshift_takes_the_same_option_allowlist_naming_its_vendor()
    {
        using var host = new DryRunHost(_key.Path);

        var result = await host.Runner.DryRunAsync(Redshift() with { Params = new ConnectionDryRunParams { Database = PostgreSqlServerFixture.Database, ConnectStrOpts = ";prepareThreshold=0" } });

        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().StartWith("the key 'prepareThreshold' is not accepted for vendor 'redshift'");
    }
}
