using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>The request's <c>params</c> object: the database and the driver options suffix.</summary>
public sealed record ConnectionDryRunParams
{
    /// <summary>The database to connect to. When absent the server's default for the user applies.</summary>
    [JsonPropertyName("database")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Database { get; init; }

    /// <summary>
    /// The platform's JDBC-style driver options suffix (<c>?a=1&amp;b=2</c> or <c>;a=1;b=2</c>); empty for none.
    /// </summary>
    [JsonPropertyName("connectStrOpts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConnectStrOpts { get; init; }

    /// <summary>
    /// An alias of <see cref="ConnectStrOpts"/> used by some of the platform's documents. When both are given they must agree.
    /// </summary>
    [JsonPropertyName("connectStringOptions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConnectStringOptions { get; init; }
}
