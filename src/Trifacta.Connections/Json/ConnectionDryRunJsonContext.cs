using System.Text.Json.Serialization;

namespace Trifacta.Connections.Json;

/// <summary>
/// Source-generated JSON metadata for the v4 request and result, for trimmed and native AOT hosts:
/// <c>JsonSerializer.Deserialize(json, ConnectionDryRunJsonContext.Default.ConnectionDryRunRequest)</c>.
/// The output is the same as plain <see cref="System.Text.Json.JsonSerializer"/>.
/// </summary>
[JsonSerializable(typeof(ConnectionDryRunRequest))]
[JsonSerializable(typeof(ConnectionDryRunResult))]
public sealed partial class ConnectionDryRunJsonContext : JsonSerializerContext;
