using System.Text;
using System.Text.Json.Serialization;
using Trifacta.Connections.Json;

namespace Trifacta.Connections;

/// <summary>
/// The body of the platform's <c>POST /v4/connections/dryRun</c>: the connection that would be created.
/// Plain <see cref="System.Text.Json.JsonSerializer"/> reads the platform's JSON into this type.
/// </summary>
/// <remarks>
/// Nothing here is validated on construction; <see cref="IConnectionDryRunner.DryRunAsync"/> validates every
/// rule and reports every invalid field in one failure. <see cref="object.ToString"/> never prints a password.
/// </remarks>
public sealed record ConnectionDryRunRequest
{
    /// <summary>The platform's copy of the connection's coordinates; where it and the top level both give a value they must agree.</summary>
    [JsonPropertyName("connectParams")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConnectionDryRunConnectParams? ConnectParams { get; init; }

    /// <summary>The server's host name or IP address. Required.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>The server's TCP port, 1 to 65535. Required. JSON may give it as a number or a string.</summary>
    [JsonPropertyName("port")]
    [JsonConverter(typeof(PortAsNumberJsonConverter))]
    public int? Port { get; init; }

    /// <summary>The vendor, which selects the probe: <c>postgres</c>, <c>redshift</c>, ... Required.</summary>
    [JsonPropertyName("vendor")]
    public string? Vendor { get; init; }

    /// <summary>Vendor-specific parameters: the database and the driver options suffix.</summary>
    [JsonPropertyName("params")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConnectionDryRunParams? Params { get; init; }

    /// <summary>When <see langword="true"/> the connection must be encrypted and the server certificate verified.</summary>
    /// <value>Default <see langword="false"/> (JSON <c>null</c> or absent means <see langword="false"/>).</value>
    [JsonPropertyName("ssl")]
    public bool? Ssl { get; init; }

    /// <summary>The vendor's name as the platform shows it. Required.</summary>
    [JsonPropertyName("vendorName")]
    public string? VendorName { get; init; }

    /// <summary>The connection's display name. Required.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Free text; carried, no effect on the test.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>The connection type; <c>jdbc</c> for relational connections, the only type this library tests. Required.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Carried, no effect on the test.</summary>
    [JsonPropertyName("isGlobal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsGlobal { get; init; }

    /// <summary>The credential type. Only <c>basic</c> (username and password) is tested.</summary>
    /// <value>Default <c>basic</c> when absent.</value>
    [JsonPropertyName("credentialType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CredentialType { get; init; }

    /// <summary>Carried, no effect on the test.</summary>
    [JsonPropertyName("credentialsShared")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CredentialsShared { get; init; }

    /// <summary>Carried, no effect on the test.</summary>
    [JsonPropertyName("disableTypeInference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DisableTypeInference { get; init; }

    /// <summary>The credentials: exactly one username and password for <c>basic</c>.</summary>
    [JsonPropertyName("credentials")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ConnectionCredential>? Credentials { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        // Every member but the credentials list, with any password redacted wherever it appears
        // (a password that is also the database or user name must not leak through those either).
        var members = new StringBuilder()
            .Append("Name = ").Append(Name)
            .Append(", Type = ").Append(Type)
            .Append(", Vendor = ").Append(Vendor)
            .Append(", VendorName = ").Append(VendorName)
            .Append(", Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", Ssl = ").Append(Ssl)
            .Append(", Params = ").Append(Params)
            .Append(", ConnectParams = ").Append(ConnectParams)
            .Append(", Description = ").Append(Description)
            .Append(", IsGlobal = ").Append(IsGlobal)
            .Append(", CredentialType = ").Append(CredentialType)
            .Append(", CredentialsShared = ").Append(CredentialsShared)
            .Append(", DisableTypeInference = ").Append(DisableTypeInference)
            .Append(", Credentials = [").AppendJoin(", ", Credentials ?? []).Append(']')
            .ToString();
        foreach (var credential in Credentials ?? [])
        {
            members = Runner.SecretRedactor.Redact(members, credential?.Password?.Reveal());
        }

        builder.Append(members);
        return true;
    }
}
