using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Trifacta.Connections.Tests.Runner;

/// <summary>
/// A runner wired as a host would wire it, with substitutes for its own seams (probes, key provider, time), for
/// unit tests.
/// </summary>
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

        // A substitute does not run the interface's default CheckOption; this one does what the default does.
        probe.CheckOption(Arg.Any<string>(), Arg.Any<string>()).Returns(call =>
            supportedOptions.Contains(call.ArgAt<string>(0), StringComparer.OrdinalIgnoreCase)
                ? null
                : $"is not accepted for vendor '{vendor}' (accepted: {(supportedOptions.Length == 0 ? "none" : string.Join(", ", supportedOptions.Order(StringComparer.Ordinal)))}).");
        behaviour ??= (_, _) => Task.FromResult(ConnectionProbeResult.Success);
        probe.ProbeAsync(Arg.Any<ConnectionProbeContext>(), Arg.Any<CancellationToken>())
            .Returns(call => behaviour(call.Arg<ConnectionProbeContext>(), call.Arg<CancellationToken>()));
        return probe;
    }

    public static IConnectionDryRunner Create(
        IEnumerable<IConnectionProbe>? probes = null,
        IEncryptionKeyProvider? keyProvider = null,
        TimeProvider? timeProvider = null,
        TimeSpan? timeout = null,
        Action<ConnectionDryRunOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(keyProvider ?? KeyProvider());
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddConnectionDryRun(o =>
        {
            if (timeout is { } t)
            {
                o.Timeout = t;
                o.AttemptTimeout = t;
            }

            o.RetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(o);
        });
        foreach (var probe in probes ?? [Probe()])
        {
            services.AddSingleton(probe);
        }

        return services.BuildServiceProvider().GetRequiredService<IConnectionDryRunner>();
    }
}
