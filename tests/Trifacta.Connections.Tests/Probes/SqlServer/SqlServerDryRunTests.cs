using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trifacta.Connections.SqlServer;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Json;

namespace Trifacta.Connections.Tests.Probes.SqlServer;

/// <summary>
/// The sqlserver and sqldatawarehouse vendors. No SQL Server runs on these machines: every network path is produced
/// for real (refused, DNS, a silent host, a port that is not TDS) and the error-number mapping is tested through the
/// classifier's seam.
/// </summary>
public sealed class SqlServerDryRunTests : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private DryRunHost Host(Action<ConnectionDryRunOptions>? configure = null) =>
        new(_key.Path, configure, s => s.AddConnectionDryRun().AddSqlServer());

    private static ConnectionDryRunRequest Request(string vendor, int port, string host = "127.0.0.1", string? connectStrOpts = null) =>
        Requests.Valid(vendor) with { Host = host, Port = port, Params = new ConnectionDryRunParams { Database = "master", ConnectStrOpts = connectStrOpts } };

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("sqldatawarehouse")]
    public async Task Nothing_listening_gives_exactly_the_documented_body(string vendor)
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(Request(vendor, LoopbackPorts.Unused()));

        JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(result)), JsonNode.Parse(ResultJsonTests.DocumentedRefusedBody)).Should().BeTrue(result.Reason?.Exception.Cause);
    }

    [Fact]
    public async Task An_unknown_name_is_HostNotFound()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(Request("sqlserver", 1433, host: "no-such-host.invalid"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.HostNotFound);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Resolve);
    }

    [Fact]
    public async Task A_silent_host_is_a_Timeout_in_the_connect_stage()
    {
        await using var tarpit = LoopbackPeer.Tarpit();
        using var host = Host(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(800));

        var result = await host.Runner.DryRunAsync(Request("sqlserver", tarpit.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Connect);
    }

    [Fact]
    public async Task A_port_that_is_not_TDS_is_a_ProtocolError()
    {
        await using var http = LoopbackPeer.Http();
        using var host = Host();

        var result = await host.Runner.DryRunAsync(Request("sqldatawarehouse", http.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ProtocolError, result.Reason?.Exception.Cause);
        result.Diagnostics.VendorCode.Should().Be("protocol:0x48");
        result.Reason!.Exception.Message.Should().Be("Unexpected response from host");
    }

    [Theory]
    [InlineData(";AttachDBFilename=C:\\data\\evil.mdf", "AttachDBFilename", "reads or writes local files")]
    [InlineData(";serverCertificate=/etc/ssl/cert.pem", "serverCertificate", "reads or writes local files")]
    [InlineData(";integratedSecurity=true", "integratedSecurity", "would change where or as whom")]
    [InlineData(";databaseName=other", "databaseName", "would change where or as whom")]
    [InlineData(";encrypt=false", "encrypt", "use the request's ssl field")]
    [InlineData(";trustServerCertificate=true", "trustServerCertificate", "use the request's ssl field")]
    [InlineData(";sendStringParametersAsUnicode=false", "sendStringParametersAsUnicode", "is not accepted for vendor 'sqlserver' (accepted: applicationName, hostNameInCertificate, loginTimeout)")]
    [InlineData(";loginTimeout=0", "loginTimeout", "whole number of seconds")]
    public async Task Refused_connectStrOpts_are_InvalidRequest_naming_the_key(string options, string key, string reason)
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(Request("sqlserver", 1433, connectStrOpts: options));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().StartWith($"the key '{key}' ").And.Contain(reason);
    }

    [Theory]
    [InlineData(18456, ConnectionFailureKind.AuthenticationFailed)]
    [InlineData(18488, ConnectionFailureKind.AuthenticationFailed)]
    [InlineData(4060, ConnectionFailureKind.DatabaseNotFound)]
    [InlineData(916, ConnectionFailureKind.PermissionDenied)]
    [InlineData(40613, ConnectionFailureKind.ServerUnavailable)]
    [InlineData(40197, ConnectionFailureKind.ServerUnavailable)]
    [InlineData(40501, ConnectionFailureKind.ServerUnavailable)]
    [InlineData(-2, ConnectionFailureKind.Timeout)]
    [InlineData(50000, ConnectionFailureKind.Unknown)]
    public void Server_error_numbers_map_to_kinds(int number, ConnectionFailureKind kind)
    {
        SqlServerFailureClassifier.KindOf(number).Should().Be(kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11001)]
    [InlineData(10061)]
    public void Numbers_that_only_wrap_a_network_error_leave_the_decision_to_the_socket_error(int number)
    {
        SqlServerFailureClassifier.KindOf(number).Should().BeNull();
    }

    [Fact]
    public void AddSqlServer_registers_both_vendors_once()
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun().AddSqlServer().AddSqlServer();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IConnectionProbe>().Select(p => p.Vendor).Should().Equal("postgres", "redshift", "sqlserver", "sqldatawarehouse");
    }
}
