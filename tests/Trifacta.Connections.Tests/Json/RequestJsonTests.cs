using System.Text.Json;
using System.Text.Json.Nodes;
using Trifacta.Connections.Json;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Json;

public sealed class RequestJsonTests
{
    [Fact]
    public void Plain_JsonSerializer_reads_the_platforms_documented_body()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(Requests.SeedJson)!;

        request.Host.Should().Be("db.example.com");
        request.Port.Should().Be(5432);
        request.Vendor.Should().Be("postgres");
        request.VendorName.Should().Be("postgres");
        request.Name.Should().Be("postgres");
        request.Description.Should().BeEmpty();
        request.Type.Should().Be("jdbc");
        request.Ssl.Should().BeFalse();
        request.IsGlobal.Should().BeFalse();
        request.CredentialType.Should().Be("basic");
        request.CredentialsShared.Should().BeTrue();
        request.DisableTypeInference.Should().BeFalse();
        request.Params.Should().BeEquivalentTo(new ConnectionDryRunParams { ConnectStrOpts = string.Empty, Database = "myDB" });
        request.ConnectParams.Should().BeEquivalentTo(new ConnectionDryRunConnectParams
        {
            Vendor = "postgres", VendorName = "postgres", Host = "db.example.com", Port = 5432, Database = "myDB",
        });
        request.Credentials.Should().ContainSingle().Which.Should().Be(new ConnectionCredential { Username = "<username>", Password = "<password>" });
    }

    [Fact]
    public void The_source_generated_context_reads_the_same_request_as_plain_JsonSerializer()
    {
        var generated = JsonSerializer.Deserialize(Requests.SeedJson, ConnectionDryRunJsonContext.Default.ConnectionDryRunRequest)!;
        var plain = JsonSerializer.Deserialize<ConnectionDryRunRequest>(Requests.SeedJson)!;

        generated.Should().BeEquivalentTo(plain);
    }

    [Fact]
    public void Writing_the_seed_back_gives_the_same_JSON_with_connectParams_port_still_a_string()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(Requests.SeedJson)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(request))!;

        JsonNode.DeepEquals(written, JsonNode.Parse(Requests.SeedJson)).Should().BeTrue(written.ToJsonString());
        written["connectParams"]!["port"]!.GetValueKind().Should().Be(JsonValueKind.String);
        written["port"]!.GetValueKind().Should().Be(JsonValueKind.Number);
    }

    [Theory]
    [InlineData("""{"port": 5432, "connectParams": {"port": 5432}}""")]
    [InlineData("""{"port": "5432", "connectParams": {"port": "5432"}}""")]
    [InlineData("""{"port": "5432", "connectParams": {"port": 5432}}""")]
    public void Port_is_read_as_a_number_or_a_string_in_both_places(string json)
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(json)!;

        request.Port.Should().Be(5432);
        request.ConnectParams!.Port.Should().Be(5432);
    }

    [Theory]
    [InlineData("""{"port": "abc"}""")]
    [InlineData("""{"port": 54.32}""")]
    [InlineData("""{"port": true}""")]
    [InlineData("""{"port": 99999999999}""")]
    public void A_port_that_is_not_an_integer_is_malformed_JSON_naming_the_field(string json)
    {
        var act = () => JsonSerializer.Deserialize<ConnectionDryRunRequest>(json);

        act.Should().Throw<JsonException>().Where(e => e.Path == "$.port" && e.Message.Contains("port must be an integer"));
    }

    [Fact]
    public void An_empty_or_null_port_reads_as_absent()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>("""{"port": null, "connectParams": {"port": ""}}""")!;

        request.Port.Should().BeNull();
        request.ConnectParams!.Port.Should().BeNull();
    }

    [Fact]
    public void ConnectStringOptions_is_read_as_an_alias_of_connectStrOpts()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>("""{"params": {"connectStringOptions": ";a=1"}}""")!;

        request.Params!.ConnectStringOptions.Should().Be(";a=1");
        request.Params.ConnectStrOpts.Should().BeNull();
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>("""{"host": "h", "somethingNew": {"deep": [1, 2]}, "x": 1}""")!;

        request.Host.Should().Be("h");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"host": "h",}""")]
    [InlineData("""{"credentials": {"username": "u"}}""")]
    [InlineData("""{"ssl": "yes"}""")]
    public void Malformed_bodies_throw_JsonException(string json)
    {
        var act = () => JsonSerializer.Deserialize<ConnectionDryRunRequest>(json);

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void ToString_of_a_request_never_shows_the_password()
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(Requests.SeedJson.Replace("<password>", "hunter2-secret", StringComparison.Ordinal))!;

        request.ToString().Should().NotContain("hunter2-secret");
        request.Credentials![0].ToString().Should().Contain("<username>").And.Contain("Password = ***").And.NotContain("hunter2-secret");
    }
}
