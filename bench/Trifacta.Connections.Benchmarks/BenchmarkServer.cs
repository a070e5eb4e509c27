namespace Trifacta.Connections.Benchmarks;

/// <summary>The PostgreSQL server the benchmarks run against, from the environment eng/bench.sh sets.</summary>
public static class BenchmarkServer
{
    public static string Host => Get("TRIFACTA_BENCH_HOST", "127.0.0.1");

    public static int Port => int.Parse(Get("TRIFACTA_BENCH_PORT", "15433"), System.Globalization.CultureInfo.InvariantCulture);

    public static string User => Get("TRIFACTA_BENCH_USER", "bench_user");

    public static string Password => Get("TRIFACTA_BENCH_PASSWORD", "bench-Passw0rd");

    public static string Database => Get("TRIFACTA_BENCH_DATABASE", "bench_db");

    public static string KeyFile => Get("TRIFACTA_BENCH_KEY_FILE", "/tmp/trifacta-bench.key");

    private static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
