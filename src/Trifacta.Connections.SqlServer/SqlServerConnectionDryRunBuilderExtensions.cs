using Microsoft.Extensions.DependencyInjection.Extensions;
using Trifacta.Connections;
using Trifacta.Connections.SqlServer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SQL Server probes to a dry run registered with <c>AddConnectionDryRun</c>.</summary>
public static class SqlServerConnectionDryRunBuilderExtensions
{
    /// <summary>
    /// Registers the <c>sqlserver</c> and <c>sqldatawarehouse</c> (Azure Synapse) vendors, on Microsoft.Data.SqlClient.
    /// Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder <c>AddConnectionDryRun</c> returned.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IConnectionDryRunBuilder AddSqlServer(this IConnectionDryRunBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, SqlServerConnectionProbe>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, SqlDataWarehouseConnectionProbe>());
        return builder;
    }
}
