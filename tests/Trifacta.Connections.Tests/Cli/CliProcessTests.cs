using System.Text.Json;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Cli;

/// <summary>Runs the built <c>trifacta-dryrun</c> as a user would: a process, stdin or a file, an exit code.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CliProcessTests(PostgreSqlServerFixture server) : IDisposable
{
    private static readonly string CliPath = Path.Combine(AppContext.BaseDirectory, "trifacta-dryrun.dll");
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private static Task<(int ExitCode, string StandardOutput, string StandardError)> RunCli(string? stdin, params string[] args) =>
        ExternalProcess.RunSplitAsync("dotnet", [CliPath, .. args], TimeSpan.FromSeconds(60), stdin);

    [Fact]
    public async Task A_working_connection_prints_the_v4_success_and_exits_0()
    {
        var (exitCode, stdout, stderr) = await RunCli(JsonSerializer.Serialize(server.Request()), "--key-file", _key.Path);

        exitCode.Should().Be(0, stderr);
        JsonDocument.Parse(stdout).RootElement.GetRawText().Should().Contain("\"result\": \"SUCCESS\"").And.Contain("\"reason\": null");
    }

    [Fact]
    public async Task A_wrong_password_prints_the_v4_failure_and_exits_1_without_the_password()
    {
        var body = Path.Combine(_key.Directory, "body.json");
        await File.WriteAllTextAsync(body, JsonSerializer.Serialize(server.Request(password: "wrong-pass-123")));

        var (exitCode, stdout, _) = await RunCli(null, "-k", _key.Path, "--diagnostics", body);

        exitCode.Should().Be(1);
        var root = JsonDocument.Parse(stdout).RootElement;
        root.GetProperty("reason").GetProperty("exception").GetProperty("message").GetString().Should().Be("Authentication failed");
        root.GetProperty("diagnostics").GetProperty("kind").GetString().Should().Be("AuthenticationFailed");
        stdout.Should().NotContain("wrong-pass-123");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"port": "abc"}""")]
    [InlineData("null")]
    public async Task Unreadable_input_exits_2_with_a_clear_message_and_no_stack_trace(string body)
    {
        var (exitCode, stdout, stderr) = await RunCli(body, "-k", _key.Path);

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("trifacta-dryrun: ").And.NotContain("   at ");
    }

    [Fact]
    public async Task A_missing_request_file_exits_2()
    {
        var (exitCode, _, stderr) = await RunCli(null, "-k", _key.Path, "/no/such/body.json");

        exitCode.Should().Be(2);
        stderr.Should().StartWith("trifacta-dryrun: cannot read '/no/such/body.json'");
    }

    [Fact]
    public async Task A_usage_error_exits_2_and_prints_the_usage()
    {
        var (exitCode, _, stderr) = await RunCli(null, "--nope");

        exitCode.Should().Be(2);
        stderr.Should().Contain("unknown option '--nope'").And.Contain("Usage: trifacta-dryrun");
    }

    [Theory]
    [InlineData("success.json")]
    [InlineData("wrong-password.json")]
    [InlineData("refused.json")]
    public void The_README_example_bodies_are_valid_v4_requests(string file)
    {
        var request = JsonSerializer.Deserialize<ConnectionDryRunRequest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file)))!;

        request.Vendor.Should().Be("postgres");
        request.Credentials.Should().ContainSingle();
    }
}
