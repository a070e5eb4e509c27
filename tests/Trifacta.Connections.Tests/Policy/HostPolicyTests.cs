using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Trifacta.Connections.Probes;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Runner;

namespace Trifacta.Connections.Tests.Policy;

public sealed class HostPolicyTests : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("2852039166")]
    [InlineData("0251.0376.0251.0376")]
    [InlineData("0xa9.0xfe.0xa9.0xfe")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:a9fe:a9fe")]
    [InlineData("::169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task Link_local_metadata_and_unspecified_addresses_are_blocked_in_every_spelling_before_any_network_work(string host)
    {
        var probe = RunnerFactory.Probe();

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid() with { Host = host });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.BlockedByPolicy, result.Reason?.Exception.Message);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Policy);
        result.Reason!.Exception.Name.Should().Be("Trifacta.Connections.BlockedByPolicyException");
        result.Reason.Exception.Message.Should().Contain("an address the host policy denies");
        await probe.DidNotReceiveWithAnyArgs().ProbeAsync(default!, default);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("db.example.com")]
    [InlineData("10.1.2.3")]
    [InlineData("169.253.255.255")]
    public async Task Ordinary_hosts_pass_the_default_policy(string host)
    {
        var result = await RunnerFactory.Create().DryRunAsync(Requests.Valid() with { Host = host });

        result.IsSuccess.Should().BeTrue(result.Reason?.Exception.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_metadata_address_is_blocked_before_a_packet_is_sent_to_any_of_its_addresses()
    {
        await using var peer = LoopbackPeer.Tarpit();
        var resolver = Substitute.For<IHostResolver>();
        resolver.ResolveAsync("metadata.attacker.example", Arg.Any<CancellationToken>())
            .Returns([IPAddress.Loopback, IPAddress.Parse("169.254.169.254")]);
        using var host = new DryRunHost(_key.Path, services: s => s.AddSingleton(resolver));

        var result = await host.Runner.DryRunAsync(Requests.Valid() with { Host = "metadata.attacker.example", Port = peer.Port });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.BlockedByPolicy);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Resolve);
        result.Reason!.Exception.Message.Should().Be(
            "The host 'metadata.attacker.example' resolves to 169.254.169.254, an address the host policy denies (link-local and cloud metadata addresses).");
        peer.Connections.Should().Be(0, "no address of a blocked host is contacted");
    }

    [Fact]
    public async Task The_driver_connects_to_the_address_that_was_checked_and_never_resolves_the_name_again()
    {
        await using var peer = LoopbackPeer.PostgresError("28P01", "password authentication failed");
        var resolver = Substitute.For<IHostResolver>();
        resolver.ResolveAsync("rebinding.attacker.example", Arg.Any<CancellationToken>())
            .Returns([IPAddress.Loopback], [IPAddress.Parse("169.254.169.254")]);
        using var host = new DryRunHost(_key.Path, services: s => s.AddSingleton(resolver));

        var result = await host.Runner.DryRunAsync(Requests.Valid() with { Host = "rebinding.attacker.example", Port = peer.Port });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed, "the vetted loopback address was reached");
        peer.Connections.Should().Be(1);
        await resolver.Received(1).ResolveAsync("rebinding.attacker.example", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("127.0.0.1", "The host 127.0.0.1 is 127.0.0.1, an address the host policy denies (the denied network 127.0.0.0/8).")]
    [InlineData("db.corp.internal", "The host 'db.corp.internal' is denied by the host policy (DeniedHostNames: *.internal).")]
    [InlineData("10.0.0.5", "The host 10.0.0.5 is 10.0.0.5, which is outside the networks the host policy allows (AllowedNetworks).")]
    public async Task A_host_can_deny_networks_and_names_and_allow_only_some_networks(string target, string message)
    {
        var runner = RunnerFactory.Create(configure: o =>
        {
            o.HostPolicy.DeniedNetworks.Add("127.0.0.0/8");
            o.HostPolicy.DeniedHostNames.Add("*.internal");
            o.HostPolicy.AllowedNetworks.Add("192.168.0.0/16");
            o.HostPolicy.AllowedNetworks.Add("127.0.0.0/8");
        });

        var result = await runner.DryRunAsync(Requests.Valid() with { Host = target });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.BlockedByPolicy);
        result.Reason!.Exception.Message.Should().Be(message);
    }

    [Fact]
    public async Task A_host_can_allow_only_some_names()
    {
        var runner = RunnerFactory.Create(configure: o => o.HostPolicy.AllowedHostNames.Add("db.example.com"));

        (await runner.DryRunAsync(Requests.Valid() with { Host = "DB.example.com." })).IsSuccess.Should().BeTrue();
        (await runner.DryRunAsync(Requests.Valid() with { Host = "other.example.com" })).Diagnostics.Kind.Should().Be(ConnectionFailureKind.BlockedByPolicy);
    }

    [Fact]
    public async Task A_host_can_turn_the_default_denial_off_for_a_link_local_database()
    {
        var runner = RunnerFactory.Create(configure: o => o.HostPolicy.DenyLinkLocalAndUnspecified = false);

        (await runner.DryRunAsync(Requests.Valid() with { Host = "169.254.10.10" })).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void A_network_that_is_not_CIDR_fails_option_validation_naming_it()
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun(o => o.HostPolicy.DeniedNetworks.Add("10.0.0.0/33"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ConnectionDryRunOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("'10.0.0.0/33' is not a network in CIDR notation");
    }
}
