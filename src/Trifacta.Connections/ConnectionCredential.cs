using System.Text;
using System.Text.Json.Serialization;

namespace Trifacta.Connections;

/// <summary>One entry of the request's <c>credentials</c>: a username and password for <c>basic</c> credentials.</summary>
/// <remarks><see cref="object.ToString"/> prints the username and never the password.</remarks>
public sealed record ConnectionCredential
{
    /// <summary>The user name to authenticate as.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>The password. Never printed, logged or returned by this library.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username).Append(", Password = ").Append(Password is null ? "null" : "***");
        return true;
    }
}
