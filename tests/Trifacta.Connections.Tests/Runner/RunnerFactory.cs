using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Tests.Runner;

/// <summary>A runner wired to substitutes of its own seams (probe, key provider, time), for unit tests.</summary>
internal static class RunnerFactory
{
    public static byte[] Key() => Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static IEncryptionKeyProvider KeyProvider()
    {
        var provider = Substitute.For<IEncryptionKeyProvider>();
        provider.GetKeyAsync(Arg.Any<CancellationToken>()).Returns(_ => ValueTask.FromResult(Key()));
        return provider;
    }

    public static IConnectionProbe Probe(string vendor = "postgres", Func<ConnectionProbeContext, CancellationToken, Task<ConnectionProbeResult>>? behaviour = null, params string[] supportedOptions)
    {
        var probe = Substitute.For<IConnectionProbe>();
        probe.Vendor.Returns(vendor);
        probe.SupportedOptions.Returns(supportedOptions);
        behaviour ??= (_, _) => Task.FromResult(ConnectionProbeResult.Success);
        probe.ProbeAsync(Arg.Any<ConnectionProbeContext>(), Arg.Any<CancellationToken>())
            .Returns(call => behaviour(call.Arg<ConnectionProbeContext>(), call.Arg<CancellationToken>()));
        return probe;
    }

    public static ConnectionDryRunner Create(
        IEnumerable<IConnectionProbe>? probes = null,
        IEncryptionKeyProvider? keyProvider = null,
        TimeProvider? timeProvider = null,
        TimeSpan? timeout = null)
    {
        var options = Substitute.For<IOptionsMonitor<ConnectionDryRunOptions>>();
        options.CurrentValue.Returns(new ConnectionDryRunOptions { Timeout = timeout ?? TimeSpan.FromSeconds(30) });
        return new ConnectionDryRunner(
            probes ?? [Probe()],
            keyProvider ?? KeyProvider(),
            options,
            timeProvider ?? TimeProvider.System,
            NullLogger<ConnectionDryRunner>.Instance);
    }
}
