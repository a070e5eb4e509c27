using BenchmarkDotNet.Attributes;
using HealthChecks.NpgSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Trifacta.Connections.Benchmarks;

/// <summary>
/// A successful dry run against a local PostgreSQL, side by side with the raw floor (NpgsqlConnection, pooling
/// off, open, SELECT 1, close; same server and credentials) and AspNetCore.HealthChecks.NpgSql's check.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SuccessBenchmarks
{
    private string _rawConnectionString = null!;
    private ServiceProvider _provider = null!;
    private IConnectionDryRunner _runner = null!;
    private ConnectionDryRunRequest _request = null!;
    private NpgSqlHealthCheck _healthCheck = null!;
    private HealthCheckContext _healthContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rawConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = BenchmarkServer.Host,
            Port = BenchmarkServer.Port,
            Username = BenchmarkServer.User,
            Password = BenchmarkServer.Password,
            Database = BenchmarkServer.Database,
            Pooling = false,
        }.ConnectionString;

        var services = new ServiceCollection();
        services.AddConnectionDryRun(o => o.EncryptionKeyFile = BenchmarkServer.KeyFile);
        _provider = services.BuildServiceProvider();
        _runner = _provider.GetRequiredService<IConnectionDryRunner>();
        _request = new ConnectionDryRunRequest
        {
            Host = BenchmarkServer.Host,
            Port = BenchmarkServer.Port,
            Vendor = "postgres",
            VendorName = "postgres",
            Name = "bench",
            Type = "jdbc",
            CredentialType = "basic",
            Params = new ConnectionDryRunParams { Database = BenchmarkServer.Database, ConnectStrOpts = string.Empty },
            Credentials = [new ConnectionCredential { Username = BenchmarkServer.User, Password = BenchmarkServer.Password }],
        };

        _healthCheck = new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(_rawConnectionString));
        _healthContext = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("npgsql", _healthCheck, HealthStatus.Unhealthy, null),
        };

        // Fail fast, with the reason, when the server is not there.
        var result = _runner.DryRunAsync(_request).GetAwaiter().GetResult();
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("The benchmark server is not usable (run eng/bench.sh): " + result.Reason!.Exception.Cause);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "raw NpgsqlConnection (pooling off)")]
    public async Task<object?> RawNpgsql()
    {
        await using var connection = new NpgsqlConnection(_rawConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync();
    }

    [Benchmark(Description = "IConnectionDryRunner.DryRunAsync")]
    public Task<ConnectionDryRunResult> DryRun() => _runner.DryRunAsync(_request);

    [Benchmark(Description = "HealthChecks.NpgSql check")]
    public Task<HealthCheckResult> HealthCheck() => _healthCheck.CheckHealthAsync(_healthContext);
}
