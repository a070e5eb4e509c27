using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trifacta.Connections;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds probes to a dry run registered with <c>AddConnectionDryRun</c>.</summary>
public static class ConnectionDryRunBuilderExtensions
{
    /// <summary>
    /// Registers a probe for a vendor as a singleton. A probe registered later for the same vendor as another
    /// (including a built-in one) replaces it; registering the same type twice has no effect.
    /// </summary>
    /// <typeparam name="TProbe">The probe type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IConnectionDryRunBuilder AddProbe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProbe>(this IConnectionDryRunBuilder builder)
        where TProbe : class, IConnectionProbe
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionProbe, TProbe>());
        return builder;
    }
}
