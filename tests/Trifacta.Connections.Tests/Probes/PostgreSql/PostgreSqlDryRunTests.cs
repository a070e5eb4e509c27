using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Json;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

/// <summary>End-to-end dry runs against the real PostgreSQL server the fixture starts.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDryRunTests(PostgreSqlServerFixture server) : IDisposable
{
    private readonly TestKeyFile _key = new();
    private DryRunHost? _host;

    private DryRunHost Host => _host ??= new DryRunHost(_key.Path);

    public void Dispose()
    {
        _host?.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task DryRun_returns_SUCCESS_and_the_server_saw_the_session()
    {
        const string authorized = $"connection authorized: user={PostgreSqlServerFixture.User} database={PostgreSqlServerFixture.Database} application_name=trifacta-dryrun";
        var before = CountOccurrences(await server.ReadLogAsync(), authorized);

        var result = await Host.Runner.DryRunAsync(server.Request());

        JsonSerializer.Serialize(result).Should().Be("""{"result":"SUCCESS","reason":null}""");
        CountOccurrences(await server.ReadLogAsync(), authorized).Should().Be(before + 1, "the server authorized exactly one dry run session");
        (await server.WaitForNoSessionsAsync(TimeSpan.FromSeconds(5))).Should().Be(0, "the session is closed before the dry run returns");
    }

    [Fact]
    public async Task A_wrong_password_fails_after_a_right_one_for_the_same_target_and_vice_versa()
    {
        (await Host.Runner.DryRunAsync(server.Request())).IsSuccess.Should().BeTrue();
        (await Host.Runner.DryRunAsync(server.Request(password: "wrong"))).Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
        (await Host.Runner.DryRunAsync(server.Request())).IsSuccess.Should().BeTrue();
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task DryRun_returns_AuthenticationFailed_for_a_wrong_password()
    {
        var result = await Host.Runner.DryRunAsync(server.Request(password: "not-the-password"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
        result.Diagnostics.VendorCode.Should().Be("28P01");
        result.Reason!.Exception.Message.Should().Be("Authentication failed");
        result.Reason.Exception.Name.Should().Be("com.trifacta.connect.spring.exception.JdbcConnectionException");
        result.Reason.Exception.Cause.Should().StartWith("PostgresException: 28P01: password authentication failed for user");
        result.Diagnostics.IsTransient.Should().BeFalse();
    }

    [Fact]
    public async Task DryRun_returns_AuthenticationFailed_for_a_user_that_does_not_exist()
    {
        var result = await Host.Runner.DryRunAsync(server.Request(user: "nobody_here"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.AuthenticationFailed);
    }

    [Fact]
    public async Task DryRun_returns_DatabaseNotFound_for_an_unknown_database()
    {
        var result = await Host.Runner.DryRunAsync(server.Request(database: "no_such_db"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.DatabaseNotFound);
        result.Diagnostics.VendorCode.Should().Be("3D000");
        result.Reason!.Exception.Message.Should().Be("Database not found");
        result.Reason.Exception.Cause.Should().Be("PostgresException: 3D000: database \"no_such_db\" does not exist");
    }

    [Fact]
    public async Task DryRun_returns_PermissionDenied_for_a_database_without_CONNECT_privilege()
    {
        var result = await Host.Runner.DryRunAsync(server.Request(database: PostgreSqlServerFixture.LockedDatabase));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.PermissionDenied);
        result.Diagnostics.VendorCode.Should().Be("42501");
        result.Reason!.Exception.Message.Should().Be("Permission denied");
    }

    [Fact]
    public async Task DryRun_returns_exactly_the_documented_body_when_nothing_listens()
    {
        var result = await Host.Runner.DryRunAsync(server.Request(port: LoopbackPorts.Unused()));

        var written = JsonNode.Parse(JsonSerializer.Serialize(result))!;
        JsonNode.DeepEquals(written, JsonNode.Parse(ResultJsonTests.DocumentedRefusedBody)).Should().BeTrue(written.ToJsonString());
        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ConnectionRefused);
        result.Diagnostics.VendorCode.Should().Be("socket:ConnectionRefused");
    }

    [Fact]
    public async Task DryRun_returns_HostNotFound_for_a_name_under_invalid()
    {
        var request = server.Request() with
        {
            Host = "no-such-host.invalid",
            ConnectParams = server.Request().ConnectParams! with { Host = "no-such-host.invalid" },
        };

        var result = await Host.Runner.DryRunAsync(request);

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.HostNotFound);
        result.Reason!.Exception.Message.Should().Be("Could not connect to host");
        result.Reason.Exception.Cause.Should().StartWith("SocketException: ");
    }

    [Fact]
    public async Task The_platforms_own_JSON_body_dry_runs_through_plain_JsonSerializer()
    {
        var json = JsonSerializer.Serialize(server.Request());
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(json)!;

        var result = await Host.Runner.DryRunAsync(request);

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Two_hundred_concurrent_dry_runs_all_succeed_and_leave_no_session_behind()
    {
        var runs = Enumerable.Range(0, 200).Select(_ => Host.Runner.DryRunAsync(server.Request()));

        var results = await Task.WhenAll(runs);

        results.Should().OnlyContain(r => r.IsSuccess, string.Join("; ", results.Where(r => !r.IsSuccess).Select(r => r.Reason!.Exception.Cause).Distinct()));
        results.Select(r => r.Diagnostics.ConnectionId).Should().OnlyHaveUniqueItems();
        (await server.WaitForNoSessionsAsync(TimeSpan.FromSeconds(10))).Should().Be(0);
    }

    [Fact]
    public async Task The_password_is_absent_from_every_result_ToString_and_log_line()
    {
        var password = PostgreSqlServerFixture.Password;
        var forms = new[]
        {
            password,
            Uri.EscapeDataString(password),
            WebUtility.UrlEncode(password),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
        };
        var requests = new[]
        {
            server.Request(),
            server.Request(database: "no_such_db"),
            server.Request(database: PostgreSqlServerFixture.LockedDatabase),
            server.Request(port: LoopbackPorts.Unused()),
            server.Request(user: "nobody_here"),
            server.Request() with { Name = null, Port = 0 },
            server.Request() with { Vendor = "oracle", ConnectParams = null },
            server.Request() with { CredentialType = "kerberos" },
            server.Request(database: password),
            server.Request(user: password),
            server.Request() with { Host = password },
        };

        var texts = new List<string>();
        foreach (var request in requests)
        {
            var result = await Host.Runner.DryRunAsync(request);
            texts.Add(JsonSerializer.Serialize(result));
            texts.Add(result.ToString());
            texts.Add(result.Diagnostics.ToString());
            texts.Add(request.ToString());
        }

        texts.Add(Host.AllLogText());
        Host.Logs.Count.Should().BeGreaterThanOrEqualTo(requests.Length, "every dry run logs its outcome");
        foreach (var form in forms)
        {
            texts.Should().NotContain(t => t.Contains(form, StringComparison.OrdinalIgnoreCase), $"'{form}' is a form of the password");
        }
    }
}
