using System.Text.Json;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Probes;

/// <summary>
/// HostUnreachable for real: the CLI runs inside a network namespace of its own with nothing but loopback, where
/// every other address has no route. No packet can leave the namespace.
/// </summary>
public sealed class NetworkNamespaceTests : IDisposable
{
    private static readonly string CliPath = Path.Combine(AppContext.BaseDirectory, "trifacta-dryrun.dll");
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task A_host_with_no_route_is_HostUnreachable_in_the_connect_stage()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("This test creates a network namespace ('ip netns add') and must run as root, as CI does.");
        }

        var name = "trifacta-" + Guid.NewGuid().ToString("N")[..8];
        await Run("ip", "netns", "add", name);
        try
        {
            await Run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            var body = JsonSerializer.Serialize(Requests.Valid() with { Host = "192.0.2.1", Port = 5432 });

            var (exitCode, stdout, stderr) = await ExternalProcess.RunSplitAsync(
                "ip", ["netns", "exec", name, "dotnet", CliPath, "-k", _key.Path, "--diagnostics"], TimeSpan.FromSeconds(60), body);

            exitCode.Should().Be(1, stderr);
            var root = JsonDocument.Parse(stdout).RootElement;
            root.GetProperty("reason").GetProperty("exception").GetProperty("message").GetString().Should().Be("Could not connect to host");
            root.GetProperty("diagnostics").GetProperty("kind").GetString().Should().Be("HostUnreachable");
            root.GetProperty("diagnostics").GetProperty("failedStage").GetString().Should().Be("Connect");
            root.GetProperty("diagnostics").GetProperty("vendorCode").GetString().Should().Be("socket:NetworkUnreachable");
        }
        finally
        {
            await Run("ip", "netns", "del", name);
        }
    }

    private static async Task Run(string file, params string[] args)
    {
        (int exitCode, string output) result;
        try
        {
            result = await ExternalProcess.RunAsync(file, args, TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The 'ip' command is missing: install Debian's iproute2 ('apt-get install -y iproute2'; eng/test.sh does this).", ex);
        }

        result.exitCode.Should().Be(0, $"'{file} {string.Join(' ', args)}' failed: {result.output}");
    }
}
