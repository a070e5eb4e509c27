using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.DependencyInjection;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void AddConnectionDryRun_with_nothing_but_the_key_file_gives_a_runner_with_the_PostgreSQL_and_Redshift_probes()
    {
        var services = new ServiceCollection();
        var builder = services.AddConnectionDryRun(o => o.EncryptionKeyFile = "/tmp/key");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        builder.Services.Should().BeSameAs(services);
        provider.GetRequiredService<IConnectionDryRunner>().Should().NotBeNull();
        provider.GetServices<IConnectionProbe>().Select(p => p.Vendor).Should().Equal("postgres", "redshift");
        provider.GetRequiredService<IOptions<ConnectionDryRunOptions>>().Value.EncryptionKeyFile.Should().Be("/tmp/key");
    }

    [Fact]
    public void The_default_key_file_is_the_platforms()
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<ConnectionDryRunOptions>>().Value.EncryptionKeyFile.Should().Be("/opt/trifacta/conf/.key/customerKey");
    }

    [Fact]
    public void Calling_AddConnectionDryRun_twice_registers_each_service_once_and_applies_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun(o => o.EncryptionKeyFile = "/first");
        services.AddConnectionDryRun(o => o.Timeout = TimeSpan.FromSeconds(7));
        using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(IConnectionDryRunner)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IEncryptionKeyProvider)).Should().Be(1);
        provider.GetServices<IConnectionProbe>().Should().HaveCount(2);
        var options = provider.GetRequiredService<IOptions<ConnectionDryRunOptions>>().Value;
        options.EncryptionKeyFile.Should().Be("/first");
        options.Timeout.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("", 30_000, "EncryptionKeyFile")]
    [InlineData("/k", 10, "Timeout")]
    [InlineData("/k", 3_600_000, "Timeout")]
    public void Invalid_options_fail_validation_naming_the_option(string keyFile, int timeoutMs, string option)
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun(o =>
        {
            o.EncryptionKeyFile = keyFile;
            o.Timeout = TimeSpan.FromMilliseconds(timeoutMs);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ConnectionDryRunOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(option);
    }

    [Fact]
    public void Options_are_validated_on_start()
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun();

        services.Should().Contain(d => d.ServiceType.Name == "IStartupValidator", "ValidateOnStart registers the startup validator hosts run");
    }

    [Fact]
    public void A_host_can_register_its_own_probe_and_replace_its_key_provider()
    {
        var services = new ServiceCollection();
        var keys = NSubstitute.Substitute.For<IEncryptionKeyProvider>();
        services.AddSingleton(keys);
        services.AddConnectionDryRun().AddProbe<FakeOracleProbe>().AddProbe<FakeOracleProbe>();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IConnectionProbe>().Select(p => p.Vendor).Should().Equal("postgres", "redshift", "oracle");
        provider.GetRequiredService<IEncryptionKeyProvider>().Should().BeSameAs(keys);
    }

    [Theory]
    [InlineData("oracle")]
    [InlineData("teradata")]
    [InlineData("hive")]
    [InlineData("snowflake")]
    [InlineData("bigquery")]
    public async Task A_vendor_without_a_probe_is_UnsupportedVendor_naming_the_registered_ones(string vendor)
    {
        using var key = new TestKeyFile();
        using var host = new DryRunHost(key.Path);

        var result = await host.Runner.DryRunAsync(Requests.Valid(vendor));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.UnsupportedVendor);
        result.Reason!.Exception.Message.Should().Be($"The vendor '{vendor}' is not supported: no probe is registered for it. Registered vendors: postgres, redshift.");
    }

    [Fact]
    public async Task A_host_added_probe_answers_dry_runs_for_its_vendor()
    {
        using var key = new TestKeyFile();
        using var host = new DryRunHost(key.Path, services: s => s.AddConnectionDryRun().AddProbe<FakeOracleProbe>());

        var result = await host.Runner.DryRunAsync(Requests.Valid("oracle"));

        result.IsSuccess.Should().BeTrue();
    }

    private sealed class FakeOracleProbe : IConnectionProbe
    {
        public string Vendor => "oracle";

        public Task<ConnectionProbeResult> ProbeAsync(ConnectionProbeContext context, CancellationToken cancellationToken) =>
            Task.FromResult(context.RevealPassword().Length > 0 ? ConnectionProbeResult.Success : ConnectionProbeResult.Failure(ConnectionFailureKind.AuthenticationFailed, "X: empty"));
    }
}
