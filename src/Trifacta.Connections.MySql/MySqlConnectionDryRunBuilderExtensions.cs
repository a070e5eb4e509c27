using Microsoft.Extensions.DependencyInjection.Extensions;
using Trifacta.Connections;
using Trifacta.Connections.MySql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the MySQL probe to a dry run registered with <c>AddConnectionDryRun</c>.</summary>
public static class MySqlConnectionDryRunBuilderExtensions
{
    /// <summary>Registers the <c>mysql</c> vendor (MySQL and MariaDB, on MySqlConnector). Safe to call more than once.</summary>
    /// <param name="builder">The builder <c>AddConnectionDryRun</c> returned.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IConnectionDryRunBuilder AddMySql(this IConnectionDryRunBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, MySqlConnectionProbe>());
        return builder;
    }
}
