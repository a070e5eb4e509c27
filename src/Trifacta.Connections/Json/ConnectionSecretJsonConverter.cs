using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trifacta.Connections.Json;

/// <summary>Reads and writes a <see cref="ConnectionSecret"/> as the plain JSON string of the platform's body.</summary>
internal sealed class ConnectionSecretJsonConverter : JsonConverter<ConnectionSecret>
{
    public override ConnectionSecret? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new ConnectionSecret(reader.GetString()!)
            : throw new JsonException("The password must be a string.");

    public override void Write(Utf8JsonWriter writer, ConnectionSecret value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Reveal());
    }
}
