using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Json;

namespace Trifacta.Connections.Tests.Probes.MySql;

/// <summary>End-to-end dry runs of the mysql vendor against the real MariaDB server the fixture starts.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MySqlDryRunTests(MariaDbServerFixture server) : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private DryRunHost Host(Action<ConnectionDryRunOptions>? configure = null) =>
        new(_key.Path, o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        }, s => s.AddConnectionDryRun().AddMySql());

    [Fact]
    public async Task DryRun_returns_SUCCESS_and_leaves_no_session()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request());

        JsonSerializer.Serialize(result).Should().Be("""{"result":"SUCCESS","reason":null}""");
        result.Diagnostics.Timings.Select(t => t.Stage).Should().ContainInOrder(DryRunStage.Resolve, DryRunStage.Connect, DryRunStage.Authenticate, DryRunStage.Query);
        (await server.CountSessionsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_password_is_AuthenticationFailed_1045()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(password: "wrong-password"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
        result.Diagnostics.VendorCode.Should().Be("1045");
        result.Reason!.Exception.Message.Should().Be("Authentication failed");
        result.Reason.Exception.Cause.Should().StartWith("MySqlException: 1045: Access denied for user 'dryrun_user'");
    }

    [Fact]
    public async Task An_unknown_database_is_DatabaseNotFound_1049()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(database: "no_such_db", user: MariaDbServerFixture.WideUser));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.DatabaseNotFound);
        result.Diagnostics.VendorCode.Should().Be("1049");
        result.Reason!.Exception.Message.Should().Be("Database not found");
    }

    [Fact]
    public async Task A_database_the_user_may_not_use_is_PermissionDenied_1044()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(database: MariaDbServerFixture.LockedDatabase));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.PermissionDenied);
        result.Diagnostics.VendorCode.Should().Be("1044");
    }

    [Fact]
    public async Task A_user_over_its_connection_limit_is_ServerUnavailable_and_retried()
    {
        await using var held = await server.HoldLimitedUserConnectionAsync();
        using var host = Host(o => o.MaxAttempts = 2);

        var result = await host.Runner.DryRunAsync(server.Request(user: MariaDbServerFixture.LimitedUser));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ServerUnavailable);
        result.Diagnostics.VendorCode.Should().Be("1226");
        result.Diagnostics.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task Too_many_connections_1040_is_retried_until_the_attempts_run_out()
    {
        await using var peer = LoopbackPeer.MySqlError(1040, "08004", "Too many connections");
        using var host = Host(o => o.MaxAttempts = 3);

        var result = await host.Runner.DryRunAsync(server.Request(port: peer.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ServerUnavailable, result.Reason?.Exception.Cause);
        result.Diagnostics.VendorCode.Should().Be("1040");
        peer.Connections.Should().Be(3);
    }

    [Fact]
    public async Task Nothing_listening_gives_exactly_the_documented_body()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(port: LoopbackPorts.Unused()));

        JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(result)), JsonNode.Parse(ResultJsonTests.DocumentedRefusedBody)).Should().BeTrue(result.Reason?.Exception.Cause);
    }

    [Fact]
    public async Task An_unknown_name_is_HostNotFound_and_a_silent_host_is_a_Timeout()
    {
        await using var tarpit = LoopbackPeer.Tarpit();
        using var host = Host(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(800));

        var unknown = await host.Runner.DryRunAsync(server.Request(host: "no-such-host.invalid"));
        var silent = await host.Runner.DryRunAsync(server.Request(port: tarpit.Port));

        unknown.Diagnostics.Kind.Should().Be(ConnectionFailureKind.HostNotFound);
        silent.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        silent.Diagnostics.FailedStage.Should().Be(DryRunStage.Connect);
    }

    [Fact]
    public async Task Ssl_is_verified_in_full_against_the_request_host()
    {
        using var untrusted = Host();
        using var trusted = Host(o => o.TrustedCaCertificatesFile = server.CaFile);

        var notTrusted = await untrusted.Runner.DryRunAsync(server.Request(host: "localhost", ssl: true));
        var ok = await trusted.Runner.DryRunAsync(server.Request(host: "localhost", ssl: true));
        var wrongName = await trusted.Runner.DryRunAsync(server.Request(host: MariaDbServerFixture.Host, ssl: true));

        notTrusted.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure, notTrusted.Reason?.Exception.Cause);
        notTrusted.Diagnostics.VendorCode.Should().Be("tls:untrusted");
        ok.IsSuccess.Should().BeTrue(ok.Reason?.Exception.Cause);
        ok.Diagnostics.Timings.Select(t => t.Stage).Should().Contain(DryRunStage.Tls);
        wrongName.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure);
        wrongName.Diagnostics.VendorCode.Should().Be("tls:name-mismatch");
    }

    [Fact]
    public async Task Ssl_against_a_server_without_TLS_is_a_TlsFailure()
    {
        await using var plain = LoopbackPeer.MySqlWithoutTls();
        using var host = Host(o => o.AttemptTimeout = TimeSpan.FromSeconds(5));

        var result = await host.Runner.DryRunAsync(server.Request(port: plain.Port, ssl: true));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure, result.Reason?.Exception.Cause);
        result.Diagnostics.VendorCode.Should().Be("ssl:refused");
        result.Reason!.Exception.Message.Should().Be("Could not establish a secure connection");
    }

    [Theory]
    [InlineData(";allowLoadLocalInfile=true", "allowLoadLocalInfile", "reads or writes local files")]
    [InlineData("?allowUrlInLocalInfile=true", "allowUrlInLocalInfile", "reads or writes local files")]
    [InlineData(";sslCa=/etc/ssl/private/ca.pem", "sslCa", "reads or writes local files")]
    [InlineData(";autoDeserialize=true", "autoDeserialize", "loads code")]
    [InlineData(";user=root", "user", "would change where or as whom")]
    [InlineData(";useSSL=false", "useSSL", "use the request's ssl field")]
    [InlineData(";cachePrepStmts=true", "cachePrepStmts", "is not accepted for vendor 'mysql' (accepted: allowPublicKeyRetrieval, ApplicationName, characterEncoding, connectTimeout)")]
    [InlineData(";connectTimeout=soon", "connectTimeout", "whole number of milliseconds")]
    public async Task Refused_connectStrOpts_are_InvalidRequest_naming_the_key(string options, string key, string reason)
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request() with { Params = new ConnectionDryRunParams { Database = MariaDbServerFixture.Database, ConnectStrOpts = options } });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().StartWith($"the key '{key}' ").And.Contain(reason);
    }

    [Fact]
    public async Task Accepted_connectStrOpts_reach_the_server_and_the_password_never_leaves()
    {
        using var host = Host();

        var ok = await host.Runner.DryRunAsync(server.Request() with { Params = new ConnectionDryRunParams { Database = MariaDbServerFixture.Database, ConnectStrOpts = "?connectTimeout=5000&characterEncoding=utf8mb4&ApplicationName=console&allowPublicKeyRetrieval=false" } });
        var failed = await host.Runner.DryRunAsync(server.Request(database: MariaDbServerFixture.Password));

        ok.IsSuccess.Should().BeTrue(ok.Reason?.Exception.Cause);
        var text = JsonSerializer.Serialize(failed) + failed + host.AllLogText();
        text.Should().NotContain(MariaDbServerFixture.Password).And.NotContain(Uri.EscapeDataString(MariaDbServerFixture.Password));
    }
}
