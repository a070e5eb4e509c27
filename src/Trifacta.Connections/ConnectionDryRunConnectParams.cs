using System.Text.Json.Serialization;
using Trifacta.Connections.Json;

namespace Trifacta.Connections;

/// <summary>
/// The request's <c>connectParams</c> object: the platform repeats the connection's coordinates here, with the
/// port as a string. A value given both here and at the top level must agree, or the request is invalid.
/// </summary>
public sealed record ConnectionDryRunConnectParams
{
    /// <summary>The vendor; must agree with the top-level <c>vendor</c>.</summary>
    [JsonPropertyName("vendor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Vendor { get; init; }

    /// <summary>The vendor's name; must agree with the top-level <c>vendorName</c>.</summary>
    [JsonPropertyName("vendorName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VendorName { get; init; }

    /// <summary>The host; must agree with the top-level <c>host</c>.</summary>
    [JsonPropertyName("host")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    /// <summary>The port; must agree with the top-level <c>port</c>. Read from a string or a number, written as a string as the platform does.</summary>
    [JsonPropertyName("port")]
    [JsonConverter(typeof(PortAsStringJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Port { get; init; }

    /// <summary>The database; must agree with <c>params.database</c>.</summary>
    [JsonPropertyName("database")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Database { get; init; }
}
