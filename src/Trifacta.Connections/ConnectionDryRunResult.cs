using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>
/// The answer of a dry run. Plain <see cref="System.Text.Json.JsonSerializer"/> writes it exactly as the platform's
/// v4 API does: <c>{"result":"SUCCESS","reason":null}</c>, or <c>FAILURE</c> with a <see cref="Reason"/>.
/// </summary>
public sealed record ConnectionDryRunResult
{
    /// <summary><see cref="ConnectionDryRunOutcome.Success"/> or <see cref="ConnectionDryRunOutcome.Failure"/>; JSON <c>"SUCCESS"</c> / <c>"FAILURE"</c>.</summary>
    [JsonPropertyName("result")]
    [JsonPropertyOrder(0)]
    public ConnectionDryRunOutcome Result { get; init; }

    /// <summary>Why it failed, in the platform's shape; <see langword="null"/> on success.</summary>
    [JsonPropertyName("reason")]
    [JsonPropertyOrder(1)]
    public ConnectionDryRunReason? Reason { get; init; }

    /// <summary>Whether the connection was created, tested and deleted without a failure.</summary>
    [JsonIgnore]
    public bool IsSuccess => Result == ConnectionDryRunOutcome.Success;

    /// <summary>
    /// Typed diagnostics: kind, failing stage, per-stage timings, attempts, invalid fields. Not part of the
    /// platform's JSON; never contains a secret.
    /// </summary>
    [JsonIgnore]
    public ConnectionDryRunDiagnostics Diagnostics { get; init; } = ConnectionDryRunDiagnostics.Empty;
}
