using NSubstitute;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Runner;

public sealed class RequestValidationTests
{
    private static async Task<ConnectionDryRunResult> DryRun(ConnectionDryRunRequest request, params string[] supportedOptions)
    {
        var probe = RunnerFactory.Probe(supportedOptions: supportedOptions);
        var result = await RunnerFactory.Create([probe]).DryRunAsync(request);
        if (!result.IsSuccess)
        {
            // An invalid request never reaches the probe.
            await probe.DidNotReceiveWithAnyArgs().ProbeAsync(default!, default);
        }

        return result;
    }

    private static IEnumerable<string> InvalidFields(ConnectionDryRunResult result) => result.Diagnostics.InvalidFields.Select(f => f.Field);

    [Fact]
    public async Task A_valid_request_passes_validation_and_reaches_the_probe()
    {
        var result = await DryRun(Requests.Valid());

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_request_lists_every_missing_required_field_in_one_failure()
    {
        var result = await DryRun(new ConnectionDryRunRequest());

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Validate);
        InvalidFields(result).Should().BeEquivalentTo("name", "type", "vendor", "vendorName", "host", "port", "credentials");
        var exception = result.Reason!.Exception;
        exception.Name.Should().Be("Trifacta.Connections.InvalidConnectionRequestException");
        exception.Details.Should().Be(exception.Name);
        exception.Message.Should().Contain("7 problems").And.Contain("host: is required").And.Contain("port: is required");
        exception.Cause.Should().StartWith("InvalidConnectionRequestException: ");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task A_port_outside_1_to_65535_is_invalid(int port)
    {
        var result = await DryRun(Requests.Valid() with { Port = port });

        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Should().Be(
            new InvalidField("port", $"must be an integer from 1 to 65535, not {port}."));
    }

    [Fact]
    public async Task Conflicting_top_level_and_connectParams_values_are_invalid_naming_both_fields()
    {
        var request = Requests.Valid() with
        {
            ConnectParams = new ConnectionDryRunConnectParams { Host = "other.example.com", Port = 5433, Vendor = "mysql", VendorName = "postgres", Database = "other" },
        };

        var result = await DryRun(request);

        InvalidFields(result).Should().BeEquivalentTo("connectParams.host", "connectParams.port", "connectParams.vendor", "connectParams.database");
        var message = result.Reason!.Exception.Message;
        message.Should().Contain("'host' ('127.0.0.1') and 'connectParams.host' ('other.example.com') disagree");
        message.Should().Contain("'port' (5432) and 'connectParams.port' (5433) disagree");
        message.Should().Contain("'params.database' ('db') and 'connectParams.database' ('other') disagree");
    }

    [Fact]
    public async Task Agreeing_connectParams_values_are_accepted_with_host_and_vendor_compared_case_insensitively()
    {
        var request = Requests.Valid() with
        {
            Host = "DB.example.com",
            ConnectParams = new ConnectionDryRunConnectParams { Host = "db.EXAMPLE.com", Port = 5432, Vendor = "Postgres", VendorName = "postgres", Database = "db" },
        };

        var result = await DryRun(request);

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task The_database_may_come_from_connectParams_alone()
    {
        ConnectionProbeContext? seen = null;
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            seen = context;
            return Task.FromResult(ConnectionProbeResult.Success);
        });
        var request = Requests.Valid() with { Params = null, ConnectParams = new ConnectionDryRunConnectParams { Database = "fromConnectParams" } };

        (await RunnerFactory.Create([probe]).DryRunAsync(request)).IsSuccess.Should().BeTrue();

        seen!.Database.Should().Be("fromConnectParams");
    }

    [Fact]
    public async Task ConnectStrOpts_and_its_alias_must_agree()
    {
        var request = Requests.Valid() with { Params = new ConnectionDryRunParams { ConnectStrOpts = ";a=1", ConnectStringOptions = ";a=2" } };

        var result = await DryRun(request, "a");

        InvalidFields(result).Should().Equal("params.connectStringOptions");
    }

    [Fact]
    public async Task A_connectStrOpts_key_the_vendor_does_not_accept_is_invalid_naming_the_key()
    {
        var request = Requests.Valid() with { Params = new ConnectionDryRunParams { ConnectStrOpts = "?applicationName=x&sslfactory=evil" } };

        var result = await DryRun(request, "applicationName");

        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().Contain("'sslfactory' is not accepted for vendor 'postgres'");
    }

    [Fact]
    public async Task The_connectStringOptions_alias_is_checked_like_connectStrOpts()
    {
        var request = Requests.Valid() with { Params = new ConnectionDryRunParams { ConnectStringOptions = ";user=admin" } };

        var result = await DryRun(request);

        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().Contain("'user' is not accepted").And.Contain("(accepted: none)");
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("host/with/slashes")]
    [InlineData("")]
    public async Task A_host_that_is_not_a_host_name_or_address_is_invalid(string host)
    {
        var result = await DryRun(Requests.Valid() with { Host = host });

        InvalidFields(result).Should().Equal("host");
    }

    [Fact]
    public async Task A_type_other_than_jdbc_is_invalid()
    {
        var result = await DryRun(Requests.Valid() with { Type = "hdfs" });

        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Should().Be(new InvalidField("type", "must be 'jdbc' (relational connections are the ones this library tests), not 'hdfs'."));
    }

    [Fact]
    public async Task Basic_credentials_need_exactly_one_username_and_password()
    {
        var two = Requests.Valid() with { Credentials = [new() { Username = "a", Password = "b" }, new() { Username = "c", Password = "d" }] };
        var incomplete = Requests.Valid() with { Credentials = [new() { Username = " " }] };

        InvalidFields(await DryRun(two)).Should().Equal("credentials");
        InvalidFields(await DryRun(incomplete)).Should().BeEquivalentTo("credentials[0].username", "credentials[0].password");
    }

    [Fact]
    public async Task A_missing_credentialType_means_basic()
    {
        var result = await DryRun(Requests.Valid() with { CredentialType = null });

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task The_password_never_appears_in_an_invalid_request_failure()
    {
        const string password = "hunter2hunter2";
        var request = Requests.Valid(password: password) with
        {
            Host = password,
            Name = null,
            Params = new ConnectionDryRunParams { ConnectStrOpts = ";" + password },
        };

        var result = await DryRun(request);

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        System.Text.Json.JsonSerializer.Serialize(result).Should().NotContain(password);
        result.ToString().Should().NotContain(password);
        result.Diagnostics.InvalidFields.Should().NotContain(f => f.Problem.Contains(password));
    }

    [Fact]
    public async Task Oversized_fields_are_invalid_naming_each_field_and_its_limit()
    {
        var request = Requests.Valid(password: new string('p', 1025)) with
        {
            Host = new string('h', 254),
            Name = new string('n', 257),
            Description = new string('d', 4097),
            Params = new ConnectionDryRunParams { Database = "db", ConnectStrOpts = ";" + new string('a', 2048) },
        };

        var result = await DryRun(request);

        result.Diagnostics.InvalidFields.Should().BeEquivalentTo(new[]
        {
            new InvalidField("name", "is longer than 256 characters."),
            new InvalidField("description", "is longer than 4096 characters."),
            new InvalidField("host", "is longer than 253 characters."),
            new InvalidField("params.connectStrOpts", "is longer than 2048 characters."),
        });
    }

    [Fact]
    public async Task A_password_too_long_or_with_NUL_and_names_with_control_characters_are_invalid()
    {
        (await DryRun(Requests.Valid(password: new string('p', 1025)))).Diagnostics.InvalidFields.Should().Equal(
            new InvalidField("credentials[0].password", "is longer than 1024 characters."));
        (await DryRun(Requests.Valid(password: "pass\0word"))).Diagnostics.InvalidFields.Should().Equal(
            new InvalidField("credentials[0].password", "must not contain a NUL character."));
        (await DryRun(Requests.Valid() with { Credentials = [new() { Username = "admin\nroot", Password = "x" }] })).Diagnostics.InvalidFields.Should().Equal(
            new InvalidField("credentials[0].username", "must not contain control characters."));
        (await DryRun(Requests.Valid() with { Params = new ConnectionDryRunParams { Database = "db\u0000x" } })).Diagnostics.InvalidFields.Should().Equal(
            new InvalidField("params.database", "must not contain control characters."));
    }
}
