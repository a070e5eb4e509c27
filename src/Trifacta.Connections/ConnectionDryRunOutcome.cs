using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>The platform's <c>result</c> value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConnectionDryRunOutcome>))]
public enum ConnectionDryRunOutcome
{
    /// <summary>JSON <c>"SUCCESS"</c>: the connection was created, tested and deleted.</summary>
    [JsonStringEnumMemberName("SUCCESS")]
    Success,

    /// <summary>JSON <c>"FAILURE"</c>: see <see cref="ConnectionDryRunResult.Reason"/>.</summary>
    [JsonStringEnumMemberName("FAILURE")]
    Failure,
}
