using Microsoft.Extensions.DependencyInjection;

namespace Trifacta.Connections;

/// <summary>Returned by <c>AddConnectionDryRun</c>; vendor packages extend it (<c>.AddMySql()</c>, ...).</summary>
public interface IConnectionDryRunBuilder
{
    /// <summary>The service collection the dry run is registered in.</summary>
    IServiceCollection Services { get; }
}
