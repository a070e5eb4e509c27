using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trifacta.Connections.Cli;

/// <summary>JSON for the terminal: indented, enums as names, quotes left readable (the output is not embedded in HTML).</summary>
[JsonSerializable(typeof(ConnectionDryRunResult))]
[JsonSerializable(typeof(CliOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    public static CliJsonContext Terminal { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });
}
