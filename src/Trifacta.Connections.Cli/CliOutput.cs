using System.Text.Json.Serialization;

namespace Trifacta.Connections.Cli;

/// <summary>The v4 result with the typed diagnostics under one extra property, for <c>--diagnostics</c>.</summary>
internal sealed record CliOutput(
    [property: JsonPropertyName("result")] ConnectionDryRunOutcome Result,
    [property: JsonPropertyName("reason")] ConnectionDryRunReason? Reason,
    [property: JsonPropertyName("diagnostics")] ConnectionDryRunDiagnostics Diagnostics);
