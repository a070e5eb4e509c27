using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>A host app as a consumer would write it: AddConnectionDryRun with the key file path, logs captured.</summary>
public sealed class DryRunHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public DryRunHost(string keyFile, Action<ConnectionDryRunOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        collection.AddFakeLogging();
        collection.AddConnectionDryRun(o =>
        {
            o.EncryptionKeyFile = keyFile;
            configure?.Invoke(o);
        });
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Runner = _provider.GetRequiredService<IConnectionDryRunner>();
        Logs = _provider.GetFakeLogCollector();
    }

    public IConnectionDryRunner Runner { get; }

    public IServiceProvider Services => _provider;

    public FakeLogCollector Logs { get; }

    /// <summary>Every log line so far, formatted, with its structured state.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(r =>
        r.Message + " | " + string.Join(", ", r.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])));

    public void Dispose() => _provider.Dispose();
}
