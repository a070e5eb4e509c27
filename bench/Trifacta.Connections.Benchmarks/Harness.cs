using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Trifacta.Connections.Benchmarks;

/// <summary>
/// Measurements BenchmarkDotNet is not shaped for: failure paths that wait on the network (medians of repeated
/// runs, side by side with the raw driver), and the load run of SPEC §9 (2,000 dry runs, 64 at a time).
/// </summary>
public static class Harness
{
    public static async Task<int> RunAsync(string what)
    {
        switch (what)
        {
            case "--failures":
                await FailuresAsync();
                return 0;
            case "--load":
                return await LoadAsync();
            default:
                Console.Error.WriteLine("usage: --failures | --load | BenchmarkDotNet arguments");
                return 2;
        }
    }

    private static ServiceProvider Provider(TimeSpan attemptTimeout)
    {
        var services = new ServiceCollection();
        services.AddConnectionDryRun(o =>
        {
            o.EncryptionKeyFile = BenchmarkServer.KeyFile;
            o.AttemptTimeout = attemptTimeout;
        });
        return services.BuildServiceProvider();
    }

    private static ConnectionDryRunRequest Request(string host, int port) => new()
    {
        Host = host,
        Port = port,
        Vendor = "postgres",
        VendorName = "postgres",
        Name = "bench",
        Type = "jdbc",
        Params = new ConnectionDryRunParams { Database = BenchmarkServer.Database },
        Credentials = [new ConnectionCredential { Username = BenchmarkServer.User, Password = BenchmarkServer.Password }],
    };

    private static async Task FailuresAsync()
    {
        using var provider = Provider(TimeSpan.FromSeconds(1));
        var runner = provider.GetRequiredService<IConnectionDryRunner>();
        var closed = ClosedPort();

        // Warm up both paths once.
        await runner.DryRunAsync(Request("127.0.0.1", closed));
        await RawOpen($"Host=127.0.0.1;Port={closed};Username=u;Password=p;Pooling=false");

        Console.WriteLine("| path | runs | median | p99 / max | kind |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        await Report("refused on loopback: dry run", 200, () => Kind(runner.DryRunAsync(Request("127.0.0.1", closed))));
        await Report("refused on loopback: raw NpgsqlConnection", 200, () => RawOpen($"Host=127.0.0.1;Port={closed};Username=u;Password=p;Pooling=false"));

        // A few look-ups only: they go to the machine's resolver.
        await Report("unknown name under .invalid: dry run", 15, () => Kind(runner.DryRunAsync(Request("no-such-host.invalid", 5432))));

        using var blackhole = Blackhole(out var blackholePort);
        await Report("blackholed (full accept queue), attempt timeout 1 s: dry run", 5, () => Kind(runner.DryRunAsync(Request("127.0.0.1", blackholePort))));
        using var tarpit = Tarpit(out var tarpitPort);
        await Report("tarpit (accepts, never answers), attempt timeout 1 s: dry run", 5, () => Kind(runner.DryRunAsync(Request("127.0.0.1", tarpitPort))));
    }

    private static async Task<string> Kind(Task<ConnectionDryRunResult> run) => (await run).Diagnostics.Kind?.ToString() ?? "Success";

    private static async Task<string> RawOpen(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return "Success";
        }
        catch (NpgsqlException ex)
        {
            return ex.InnerException?.GetType().Name ?? ex.GetType().Name;
        }
    }

    private static async Task Report(string name, int runs, Func<Task<string>> run)
    {
        var times = new List<double>(runs);
        var kinds = new HashSet<string>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            kinds.Add(await run());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var p99 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)];
        Console.WriteLine($"| {name} | {runs} | {times[times.Count / 2]:F2} ms | {p99:F2} ms | {string.Join(", ", kinds)} |");
    }

    private static async Task<int> LoadAsync()
    {
        using var provider = Provider(TimeSpan.FromSeconds(10));
        var runner = provider.GetRequiredService<IConnectionDryRunner>();
        var request = Request(BenchmarkServer.Host, BenchmarkServer.Port);
        await runner.DryRunAsync(request);

        const int total = 2000;
        const int concurrency = 64;
        var times = new double[total];
        var failures = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var all = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, total).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                var result = await runner.DryRunAsync(request);
                times[i] = watch.Elapsed.TotalMilliseconds;
                if (!result.IsSuccess)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine(result.Reason!.Exception.Cause);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var wall = all.Elapsed;

        await Task.Delay(500);
        var sessions = await SessionsAsync();
        Array.Sort(times);
        Console.WriteLine($"| dry runs | concurrency | successes | failures | p50 | p99 | max | wall | throughput | sessions left |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {total} | {concurrency} | {total - failures} | {failures} | {times[total / 2]:F1} ms | {times[(int)(total * 0.99) - 1]:F1} ms | {times[^1]:F1} ms | {wall.TotalSeconds:F1} s | {total / wall.TotalSeconds:F0}/s | {sessions} |");
        return failures == 0 && sessions == 0 ? 0 : 1;
    }

    private static async Task<long> SessionsAsync()
    {
        var superuser = new NpgsqlConnectionStringBuilder
        {
            Host = BenchmarkServer.Host,
            Port = BenchmarkServer.Port,
            Username = "postgres",
            Password = Environment.GetEnvironmentVariable("PG_SUPERUSER_PASSWORD"),
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = BenchmarkServer.User });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Socket Blackhole(out int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        filler.Connect(IPAddress.Loopback, port);
        return listener;
    }

    private static TcpListener Tarpit(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            var held = new List<TcpClient>();
            while (true)
            {
                try
                {
                    held.Add(await listener.AcceptTcpClientAsync());
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    return;
                }
            }
        });
        return listener;
    }
}
