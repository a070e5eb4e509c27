using System.Text.Json;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

/// <summary>Failures the real PostgreSQL server produces: TLS, too many connections, and the stage timings of a success.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlFailureTests(PostgreSqlServerFixture server) : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private DryRunHost Host(Action<ConnectionDryRunOptions>? configure = null) => new(_key.Path, o =>
    {
        o.RetryDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(o);
    });

    [Fact]
    public async Task A_success_times_resolve_connect_tls_authenticate_and_query()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request());

        result.IsSuccess.Should().BeTrue();
        result.Diagnostics.Timings.Select(t => t.Stage).Should().Equal(
            DryRunStage.Validate, DryRunStage.Policy, DryRunStage.Queue, DryRunStage.Key, DryRunStage.Create,
            DryRunStage.Resolve, DryRunStage.Connect, DryRunStage.Tls, DryRunStage.Authenticate, DryRunStage.Query,
            DryRunStage.Test, DryRunStage.Delete);
    }

    [Fact]
    public async Task Ssl_with_a_certificate_from_an_untrusted_CA_is_a_TlsFailure()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(host: "localhost", ssl: true));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure, result.Reason?.Exception.Cause);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Tls);
        result.Diagnostics.VendorCode.Should().Be("tls:untrusted");
        result.Reason!.Exception.Message.Should().Be("Could not establish a secure connection");
        result.Reason.Exception.Cause.Should().Be(
            "AuthenticationException: The secure connection was refused: the server certificate is not trusted (PartialChain); a host can trust its CA with TrustedCaCertificatesFile.");
    }

    [Fact]
    public async Task Ssl_succeeds_when_the_host_trusts_the_CA_through_options()
    {
        using var host = Host(o => o.TrustedCaCertificatesFile = server.CaFile);

        var result = await host.Runner.DryRunAsync(server.Request(host: "localhost", ssl: true));

        result.IsSuccess.Should().BeTrue(result.Reason?.Exception.Cause);
        var log = await server.ReadLogAsync();
        log.Should().Contain("SSL enabled", "the session was encrypted");
    }

    [Fact]
    public async Task Ssl_to_an_address_the_certificate_does_not_name_is_a_TlsFailure_even_with_the_CA_trusted()
    {
        using var host = Host(o => o.TrustedCaCertificatesFile = server.CaFile);

        var result = await host.Runner.DryRunAsync(server.Request(host: PostgreSqlServerFixture.Host, ssl: true));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure, "the certificate names localhost, not 127.0.0.1");
        result.Diagnostics.VendorCode.Should().Be("tls:name-mismatch");
        result.Reason!.Exception.Cause.Should().Be("AuthenticationException: The secure connection was refused: the server certificate does not name '127.0.0.1'.");
    }

    [Fact]
    public async Task Without_ssl_a_TLS_server_is_still_reached()
    {
        using var host = Host();

        var result = await host.Runner.DryRunAsync(server.Request(host: "localhost"));

        result.IsSuccess.Should().BeTrue(result.Reason?.Exception.Cause);
    }

    [Fact]
    public async Task A_role_over_its_connection_limit_is_ServerUnavailable_and_retried()
    {
        const string refused = "too many connections for role";
        var before = Count(await server.ReadLogAsync(), refused);
        using var host = Host(o => o.MaxAttempts = 2);

        var result = await host.Runner.DryRunAsync(server.Request(user: PostgreSqlServerFixture.LimitedUser));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ServerUnavailable);
        result.Diagnostics.VendorCode.Should().Be("53300");
        result.Diagnostics.Attempts.Should().Be(2);
        result.Diagnostics.IsTransient.Should().BeTrue();
        JsonSerializer.Serialize(result).Should().Contain("\"message\":\"Server is not accepting connections\"");
        await Task.Delay(200);
        Count(await server.ReadLogAsync(), refused).Should().Be(before + 2, "the server refused both attempts");
    }

    private static int Count(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
