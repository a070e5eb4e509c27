using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>The platform's failure <c>reason</c>: an object holding one <c>exception</c>.</summary>
public sealed record ConnectionDryRunReason
{
    /// <summary>The failure, described as the platform describes exceptions.</summary>
    [JsonPropertyName("exception")]
    public required ConnectionDryRunExceptionInfo Exception { get; init; }
}
