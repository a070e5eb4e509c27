using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>One entry of the request's <c>credentials</c>: a username and password for <c>basic</c> credentials.</summary>
/// <remarks><see cref="object.ToString"/> prints the username and <c>***</c> for the password.</remarks>
public sealed record ConnectionCredential
{
    /// <summary>The user name to authenticate as.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>The password. Never printed, logged or returned by this library; a string converts to it implicitly.</summary>
    [JsonPropertyName("password")]
    public ConnectionSecret? Password { get; init; }
}
