using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trifacta.Connections.Json;

/// <summary>
/// Reads a port given as a JSON number or a string of digits (the platform uses both). Range is checked by
/// validation, so that every invalid field is reported at once; a value that is not an integer at all is
/// malformed JSON for this field.
/// </summary>
internal abstract class PortJsonConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.String:
                if (reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    return ParseText(reader.GetString().AsSpan());
                }

                var span = reader.ValueSpan;
                if (span.IsEmpty)
                {
                    return null;
                }

                if (Utf8Parser.TryParse(span, out int parsed, out var consumed) && consumed == span.Length)
                {
                    return parsed;
                }

                throw NotAnInteger();
            default:
                throw NotAnInteger();
        }
    }

    private static int? ParseText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw NotAnInteger();
    }

    private static JsonException NotAnInteger() => new("The port must be an integer from 1 to 65535, as a number or a string of digits.");
}

/// <summary>Writes the port as a JSON number (the top-level <c>port</c>).</summary>
internal sealed class PortAsNumberJsonConverter : PortJsonConverter
{
    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } port)
        {
            writer.WriteNumberValue(port);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Writes the port as a JSON string (<c>connectParams.port</c>, as the platform writes it).</summary>
internal sealed class PortAsStringJsonConverter : PortJsonConverter
{
    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } port)
        {
            Span<byte> digits = stackalloc byte[11];
            Utf8Formatter.TryFormat(port, digits, out var written);
            writer.WriteStringValue(digits[..written]);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
