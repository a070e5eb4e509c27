using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Trifacta.Connections.Probes;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

/// <summary>
/// The failures a real PostgreSQL server cannot produce on demand, produced for real by small peers on loopback,
/// through the whole runner and the PostgreSQL probe.
/// </summary>
public sealed class PeerFailureTests : IDisposable
{
    private static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromMilliseconds(700);
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private DryRunHost Host(Action<ConnectionDryRunOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        new(_key.Path, o =>
        {
            // Generous for the tests that expect an answer (a cold first connection can be slow on a busy machine);
            // the timeout tests set a short one.
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Timeout = TimeSpan.FromSeconds(20);
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        }, services);

    private static ConnectionDryRunRequest To(int port, bool ssl = false) => Requests.Valid() with { Port = port, Ssl = ssl };

    [Fact]
    public async Task A_host_that_accepts_TCP_and_never_answers_is_a_Timeout_in_the_connect_stage()
    {
        await using var tarpit = LoopbackPeer.Tarpit();
        using var host = Host(o => o.AttemptTimeout = ShortAttemptTimeout);

        var result = await host.Runner.DryRunAsync(To(tarpit.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Connect);
        result.Diagnostics.Attempts.Should().Be(1);
        result.Reason!.Exception.Message.Should().Be("Connection timed out");
        result.Reason.Exception.Cause.Should().Be("TimeoutException: Attempt 1 did not finish within its timeout of 0.7 s (stage: connect).");
        tarpit.Connections.Should().Be(1, "a timeout is not retried");
    }

    [Fact]
    public async Task A_blackholed_address_is_a_Timeout_in_the_connect_stage()
    {
        await using var blackhole = LoopbackPeer.Blackhole();
        using var host = Host(o => o.AttemptTimeout = ShortAttemptTimeout);

        var result = await host.Runner.DryRunAsync(To(blackhole.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Connect);
        result.Diagnostics.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the attempt timeout bounds the wait (the margin itself is measured by the benchmarks)");
    }

    [Fact]
    public async Task Slow_DNS_is_a_Timeout_in_the_resolve_stage()
    {
        var resolver = Substitute.For<IHostResolver>();
        resolver.ResolveAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
                return Array.Empty<IPAddress>();
            });
        using var host = Host(o => o.AttemptTimeout = ShortAttemptTimeout, s => s.AddSingleton(resolver));

        var result = await host.Runner.DryRunAsync(Requests.Valid() with { Host = "slow-dns.example.com" });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Resolve);
        result.Reason!.Exception.Cause.Should().Contain("(stage: resolve)");
    }

    [Fact]
    public async Task A_port_that_answers_HTTP_is_a_ProtocolError()
    {
        await using var http = LoopbackPeer.Http();
        using var host = Host();

        var result = await host.Runner.DryRunAsync(To(http.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ProtocolError);
        result.Diagnostics.VendorCode.Should().Be("protocol:0x48", "the port answered 'H', the first byte of an HTTP response");
        result.Reason!.Exception.Message.Should().Be("Unexpected response from host");
        result.Reason.Exception.Name.Should().Be("com.trifacta.connect.spring.exception.JdbcConnectionException");
        result.Reason.Exception.Cause.Should().StartWith("NpgsqlException: ");
        result.Diagnostics.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_peer_that_resets_mid_handshake_is_a_ProtocolError()
    {
        await using var reset = LoopbackPeer.ResetMidHandshake();
        using var host = Host();

        var result = await host.Runner.DryRunAsync(To(reset.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ProtocolError, result.Reason?.Exception.Cause);
        result.Diagnostics.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Ssl_against_a_server_without_TLS_is_a_TlsFailure()
    {
        await using var plain = LoopbackPeer.PostgresWithoutTls();
        using var host = Host();

        var result = await host.Runner.DryRunAsync(To(plain.Port, ssl: true));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TlsFailure, result.Reason?.Exception.Cause);
        result.Diagnostics.VendorCode.Should().Be("ssl:refused");
        result.Reason!.Exception.Message.Should().Be("Could not establish a secure connection");
    }

    [Theory]
    [InlineData("53300", "sorry, too many clients already")]
    [InlineData("57P03", "the database system is starting up")]
    public async Task A_server_that_is_not_accepting_connections_is_retried_until_the_attempts_run_out(string sqlState, string message)
    {
        await using var peer = LoopbackPeer.PostgresError(sqlState, message);
        using var host = Host(o => o.MaxAttempts = 3);

        var result = await host.Runner.DryRunAsync(To(peer.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ServerUnavailable);
        result.Diagnostics.IsTransient.Should().BeTrue();
        result.Diagnostics.Attempts.Should().Be(3);
        result.Diagnostics.VendorCode.Should().Be(sqlState);
        peer.Connections.Should().Be(3, "the peer saw every attempt");
        result.Reason!.Exception.Message.Should().Be("Server is not accepting connections");
        result.Reason.Exception.Cause.Should().Be($"PostgresException: {sqlState}: {message}");
        host.Logs.GetSnapshot().Count(r => r.Id.Id == 1005).Should().Be(2, "each retry is logged");
    }

    [Fact]
    public async Task An_authentication_error_from_the_wire_is_not_retried()
    {
        await using var peer = LoopbackPeer.PostgresError("28P01", "password authentication failed for user \"user\"");
        using var host = Host(o => o.MaxAttempts = 5);

        var result = await host.Runner.DryRunAsync(To(peer.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
        peer.Connections.Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_server_error_keeps_the_vendor_code()
    {
        await using var peer = LoopbackPeer.PostgresError("XX000", "internal error");
        using var host = Host();

        var result = await host.Runner.DryRunAsync(To(peer.Port));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Unknown);
        result.Diagnostics.VendorCode.Should().Be("XX000");
        result.Reason!.Exception.Message.Should().Be("Could not connect to host");
        JsonSerializer.Serialize(result).Should().Contain("\"cause\":\"PostgresException: XX000: internal error\"");
    }

    [Fact]
    public async Task Caller_cancellation_while_connecting_throws_and_stops_at_once()
    {
        await using var tarpit = LoopbackPeer.Tarpit();
        using var host = Host(o => o.AttemptTimeout = TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => host.Runner.DryRunAsync(To(tarpit.Port), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1004, "the cancellation is logged after the connection is deleted");
    }
}
