using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trifacta.Connections;
using Trifacta.Connections.DependencyInjection;
using Trifacta.Connections.Diagnostics;
using Trifacta.Connections.Probes;
using Trifacta.Connections.Encryption;
using Trifacta.Connections.Probes.PostgreSql;
using Trifacta.Connections.Runner;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the connection dry run in a service collection.</summary>
public static class ConnectionDryRunServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectionDryRunner"/>, the key file provider and the PostgreSQL and Redshift probes. Safe to call
    /// more than once: services are added with <c>TryAdd</c>, and each call's <paramref name="configure"/> applies.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="ConnectionDryRunOptions"/>, for example the key file path.</param>
    /// <returns>A builder that vendor packages extend (<c>.AddMySql()</c>, <c>.AddProbe&lt;T&gt;()</c>).</returns>
    public static IConnectionDryRunBuilder AddConnectionDryRun(this IServiceCollection services, Action<ConnectionDryRunOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddLogging();
        services.AddMetrics();
        var options = services.AddOptions<ConnectionDryRunOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionDryRunOptions>, ConnectionDryRunOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEncryptionKeyProvider, FileEncryptionKeyProvider>();
        services.TryAddSingleton<DryRunTelemetry>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<IConnectionDryRunner, ConnectionDryRunner>();
        services.TryAddSingleton<PostgreSqlDataSourceCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, PostgreSqlConnectionProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, RedshiftConnectionProbe>());
        return new ConnectionDryRunBuilder(services);
    }
}
