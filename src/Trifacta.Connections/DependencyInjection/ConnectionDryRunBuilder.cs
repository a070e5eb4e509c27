using Microsoft.Extensions.DependencyInjection;

namespace Trifacta.Connections.DependencyInjection;

internal sealed class ConnectionDryRunBuilder(IServiceCollection services) : IConnectionDryRunBuilder
{
    public IServiceCollection Services { get; } = services;
}
