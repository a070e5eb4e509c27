using Microsoft.Extensions.Options;

namespace Trifacta.Connections.DependencyInjection;

/// <summary>Validates <see cref="ConnectionDryRunOptions"/>; each failure names the option and its allowed range.</summary>
internal sealed class ConnectionDryRunOptionsValidator : IValidateOptions<ConnectionDryRunOptions>
{
    internal static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, ConnectionDryRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.EncryptionKeyFile))
        {
            builder.AddError("must name the key file.", nameof(options.EncryptionKeyFile));
        }

        if (options.Timeout < MinimumTimeout || options.Timeout > MaximumTimeout)
        {
            builder.AddError($"must be from {MinimumTimeout.TotalMilliseconds} ms to {MaximumTimeout.TotalMinutes} minutes, not {options.Timeout}.", nameof(options.Timeout));
        }

        return builder.Build();
    }
}
