using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

/// <summary>The PostgreSQL connectStrOpts allowlist: what is refused and why, and that accepted keys reach the server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOptionsTests(PostgreSqlServerFixture server) : IDisposable
{
    private readonly TestKeyFile _key = new();

    public void Dispose() => _key.Dispose();

    private ConnectionDryRunRequest With(string connectStrOpts) =>
        server.Request() with { Params = new ConnectionDryRunParams { Database = PostgreSqlServerFixture.Database, ConnectStrOpts = connectStrOpts } };

    [Theory]
    [InlineData("?host=169.254.169.254", "host", "would change where or as whom the dry run connects")]
    [InlineData(";user=postgres", "user", "would change where or as whom the dry run connects")]
    [InlineData(";password=x", "password", "would change where or as whom the dry run connects")]
    [InlineData(";PGPORT=1", "PGPORT", "would change where or as whom the dry run connects")]
    [InlineData(";sslrootcert=/etc/passwd", "sslrootcert", "reads or writes local files")]
    [InlineData(";sslkey=/root/.ssh/id_rsa", "sslkey", "reads or writes local files")]
    [InlineData(";passfile=/root/.pgpass", "passfile", "reads or writes local files")]
    [InlineData(";socketFactory=org.Evil", "socketFactory", "reads or writes local files or loads code")]
    [InlineData(";loggerFile=/tmp/x", "loggerFile", "reads or writes local files")]
    [InlineData(";sslmode=disable", "sslmode", "use the request's ssl field")]
    [InlineData(";options=-c log_statement=all", "options", "sets server parameters")]
    [InlineData(";prepareThreshold=0", "prepareThreshold", "is not accepted for vendor 'postgres' (accepted: ApplicationName, connectTimeout, currentSchema, loginTimeout, tcpKeepAlive)")]
    [InlineData(";connectTimeout=abc", "connectTimeout", "must be a whole number of seconds from 1 to 3600")]
    [InlineData(";tcpKeepAlive=maybe", "tcpKeepAlive", "must be true or false")]
    public async Task Refused_keys_and_bad_values_are_InvalidRequest_naming_the_key_before_any_network_work(string options, string key, string reason)
    {
        using var host = new DryRunHost(_key.Path);

        var result = await host.Runner.DryRunAsync(With(options));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Validate);
        result.Diagnostics.InvalidFields.Should().ContainSingle().Which.Problem.Should().StartWith($"the key '{key}' ").And.Contain(reason);
    }

    [Fact]
    public async Task Accepted_keys_reach_the_server()
    {
        using var host = new DryRunHost(_key.Path);

        var result = await host.Runner.DryRunAsync(With("?ApplicationName=admin-console&currentSchema=public&loginTimeout=5&tcpKeepAlive=true"));

        result.IsSuccess.Should().BeTrue(result.Reason?.Exception.Cause);
        (await server.ReadLogAsync()).Should().Contain($"user={PostgreSqlServerFixture.User} database={PostgreSqlServerFixture.Database} application_name=admin-console");
    }

    [Fact]
    public async Task A_shorter_connectTimeout_bounds_the_attempt()
    {
        await using var tarpit = LoopbackPeer.Tarpit();
        using var host = new DryRunHost(_key.Path, o => o.AttemptTimeout = TimeSpan.FromSeconds(30));

        var result = await host.Runner.DryRunAsync(With(";connectTimeout=1") with { Port = tarpit.Port, ConnectParams = null });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }
}
