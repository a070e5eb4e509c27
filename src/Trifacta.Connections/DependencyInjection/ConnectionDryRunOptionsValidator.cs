using Microsoft.Extensions.Options;

namespace Trifacta.Connections.DependencyInjection;

/// <summary>Validates <see cref="ConnectionDryRunOptions"/>; each failure names the option and its allowed range.</summary>
internal sealed class ConnectionDryRunOptionsValidator : IValidateOptions<ConnectionDryRunOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionDryRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.EncryptionKeyFile))
        {
            builder.AddError("must name the key file.", nameof(options.EncryptionKeyFile));
        }

        Range(builder, nameof(options.Timeout), options.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Range(builder, nameof(options.AttemptTimeout), options.AttemptTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(builder, nameof(options.RetryDelay), options.RetryDelay, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Range(builder, nameof(options.QueueTimeout), options.QueueTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        if (options.MaxConcurrentDryRuns is < 1 or > 10_000)
        {
            builder.AddError($"must be from 1 to 10000, not {options.MaxConcurrentDryRuns}.", nameof(options.MaxConcurrentDryRuns));
        }

        if (options.MaxQueuedDryRuns is < 0 or > 100_000)
        {
            builder.AddError($"must be from 0 to 100000, not {options.MaxQueuedDryRuns}.", nameof(options.MaxQueuedDryRuns));
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            builder.AddError($"must be from 1 to 10, not {options.MaxAttempts}.", nameof(options.MaxAttempts));
        }

        if (options.TrustedCaCertificatesFile is { } caFile)
        {
            try
            {
                Probes.TrustedCertificates.Load(caFile);
            }
            catch (InvalidOperationException ex)
            {
                builder.AddError(ex.Message, nameof(options.TrustedCaCertificatesFile));
            }
        }

        foreach (var (list, option) in new[] { (options.HostPolicy.DeniedNetworks, "HostPolicy.DeniedNetworks"), (options.HostPolicy.AllowedNetworks, "HostPolicy.AllowedNetworks") })
        {
            foreach (var network in list)
            {
                try
                {
                    Policy.HostPolicy.ParseNetwork(network);
                }
                catch (FormatException ex)
                {
                    builder.AddError(ex.Message, option);
                }
            }
        }

        return builder.Build();
    }

    private static void Range(ValidateOptionsResultBuilder builder, string option, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            builder.AddError($"must be from {minimum} to {maximum}, not {value}.", option);
        }
    }
}
