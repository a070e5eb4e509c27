using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>
/// The platform's description of a failure: <c>name</c>, <c>message</c>, <c>details</c>, <c>cause</c>.
/// </summary>
/// <remarks>
/// Failures while reaching or talking to the server are named
/// <c>com.trifacta.connect.spring.exception.JdbcConnectionException</c> with a message fixed per
/// <see cref="ConnectionFailureKind"/>; failures before any network work carry this library's exception type names.
/// </remarks>
public sealed record ConnectionDryRunExceptionInfo
{
    /// <summary>The exception type's full name.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(0)]
    public required string Name { get; init; }

    /// <summary>What went wrong, for the person at the screen.</summary>
    [JsonPropertyName("message")]
    [JsonPropertyOrder(1)]
    public required string Message { get; init; }

    /// <summary>The exception type's full name again, as the platform gives it.</summary>
    [JsonPropertyName("details")]
    [JsonPropertyOrder(2)]
    public required string Details { get; init; }

    /// <summary>The underlying cause as <c>&lt;short exception type&gt;: &lt;text&gt;</c>, with secrets redacted.</summary>
    [JsonPropertyName("cause")]
    [JsonPropertyOrder(3)]
    public string? Cause { get; init; }
}
