using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Runner;

namespace Trifacta.Connections.Tests.Diagnostics;

public sealed class TelemetryTests : IDisposable
{
    private const string Password = "telemetry-Secret-9";
    private readonly TestKeyFile _key = new();
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Trifacta.Connections",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _key.Dispose();
    }

    private DryRunHost Host(Func<ConnectionProbeContext, CancellationToken, Task<ConnectionProbeResult>> behaviour) =>
        new(_key.Path, services: s => s.AddSingleton(RunnerFactory.Probe(behaviour: behaviour)));

    private static Task<ConnectionProbeResult> Refused(ConnectionProbeContext context, CancellationToken token)
    {
        context.EnterStage(DryRunStage.Connect);
        return Task.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.ConnectionRefused, "SocketException: Connection refused", "socket:ConnectionRefused"));
    }

    [Fact]
    public async Task A_dry_run_is_one_activity_with_a_child_per_stage_and_database_attributes()
    {
        using var host = Host((_, _) => Task.FromResult(ConnectionProbeResult.Success));
        using var parent = new Activity("test").Start();

        await host.Runner.DryRunAsync(Requests.Valid(password: Password));

        var mine = _stopped.Where(a => a.TraceId == parent.TraceId).ToList();
        var run = mine.Should().ContainSingle(a => a.OperationName == "dry_run").Subject;
        run.ParentSpanId.Should().Be(parent.SpanId);
        run.GetTagItem("db.system.name").Should().Be("postgresql");
        run.GetTagItem("server.address").Should().Be("127.0.0.1");
        run.GetTagItem("server.port").Should().Be(5432);
        run.GetTagItem("db.namespace").Should().Be("db");
        run.GetTagItem("trifacta.dry_run.result").Should().Be("success");
        run.Status.Should().NotBe(ActivityStatusCode.Error);
        mine.Where(a => a.ParentSpanId == run.SpanId).Select(a => a.OperationName)
            .Should().BeEquivalentTo("validate", "policy", "queue", "key", "create", "test", "delete");
        mine.SelectMany(a => a.TagObjects).Should().NotContain(t => (t.Value as string ?? string.Empty).Contains(Password));
    }

    [Fact]
    public async Task A_failed_dry_run_marks_its_activity_as_an_error_with_the_kind()
    {
        using var host = Host(Refused);
        using var parent = new Activity("test").Start();

        await host.Runner.DryRunAsync(Requests.Valid());

        var run = _stopped.Single(a => a.TraceId == parent.TraceId && a.OperationName == "dry_run");
        run.Status.Should().Be(ActivityStatusCode.Error);
        run.StatusDescription.Should().Be("Could not connect to host");
        run.GetTagItem("error.type").Should().Be("ConnectionRefused");
        run.GetTagItem("trifacta.dry_run.failed_stage").Should().Be("connect");
        run.GetTagItem("trifacta.dry_run.attempts").Should().Be(1);
    }

    [Fact]
    public async Task Each_dry_run_is_counted_by_result_kind_and_registered_vendor_and_its_duration_recorded()
    {
        var ok = true;
        using var host = Host((context, token) => ok ? Task.FromResult(ConnectionProbeResult.Success) : Refused(context, token));
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var count = new MetricCollector<long>(meters, "Trifacta.Connections", "trifacta.connections.dry_run.count");
        using var duration = new MetricCollector<double>(meters, "Trifacta.Connections", "trifacta.connections.dry_run.duration");

        await host.Runner.DryRunAsync(Requests.Valid());
        ok = false;
        await host.Runner.DryRunAsync(Requests.Valid());
        await host.Runner.DryRunAsync(Requests.Valid("oracle"));

        var measurements = count.GetMeasurementSnapshot();
        measurements.Should().HaveCount(3);
        measurements.Select(m => (m.Value, m.Tags["trifacta.dry_run.result"], m.Tags["trifacta.dry_run.failure_kind"], m.Tags["trifacta.connection.vendor"]))
            .Should().Equal(
                (1L, "success", null, "postgres"),
                (1L, "failure", "ConnectionRefused", "postgres"),
                (1L, "failure", "UnsupportedVendor", "unregistered"));
        duration.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => m.Value >= 0);
    }

    [Fact]
    public async Task Outcomes_are_logged_with_stable_event_ids_and_structured_values()
    {
        var ok = true;
        using var host = Host((context, token) => ok ? Task.FromResult(ConnectionProbeResult.Success) : Refused(context, token));

        var success = await host.Runner.DryRunAsync(Requests.Valid(password: Password));
        ok = false;
        await host.Runner.DryRunAsync(Requests.Valid(password: Password));

        var records = host.Logs.GetSnapshot();
        var succeeded = records.Should().ContainSingle(r => r.Id.Id == 1001).Subject;
        succeeded.Id.Name.Should().Be("DryRunSucceeded");
        succeeded.Level.Should().Be(LogLevel.Information);
        succeeded.GetStructuredStateValue("ConnectionId").Should().Be(success.Diagnostics.ConnectionId.ToString());
        succeeded.GetStructuredStateValue("Vendor").Should().Be("postgres");
        var failed = records.Should().ContainSingle(r => r.Id.Id == 1002).Subject;
        failed.GetStructuredStateValue("Kind").Should().Be("ConnectionRefused");
        failed.GetStructuredStateValue("Stage").Should().Be("Connect");
        host.AllLogText().Should().NotContain(Password);
    }
}
