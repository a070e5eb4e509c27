using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Trifacta.Connections.Diagnostics;

/// <summary>
/// The library's traces and metrics, both named <c>Trifacta.Connections</c>: one activity per dry run with a child
/// per stage (OpenTelemetry database attribute names), a counter of dry runs by result, kind and vendor, and a
/// duration histogram. Never a secret in a tag.
/// </summary>
internal sealed class DryRunTelemetry : IDisposable
{
    public const string Name = "Trifacta.Connections";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(DryRunTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public DryRunTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _runs = _meter.CreateCounter<long>("trifacta.connections.dry_run.count", "{dry_run}", "Dry runs, by result, failure kind and vendor.");
        _duration = _meter.CreateHistogram<double>("trifacta.connections.dry_run.duration", "s", "The duration of dry runs, from validation to delete.");
    }

    /// <summary>Starts the activity of one dry run; <see langword="null"/> when nobody listens.</summary>
    public static Activity? StartRun(ConnectionDryRunRequest request, string? secret)
    {
        var activity = ActivitySource.StartActivity("dry_run");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", Redact(DatabaseSystem(request.Vendor), secret));
            activity.SetTag("server.address", Redact(request.Host, secret));
            activity.SetTag("server.port", request.Port);
            activity.SetTag("db.namespace", Redact(request.Params?.Database ?? request.ConnectParams?.Database, secret));
            activity.SetTag("trifacta.connection.vendor", Redact(request.Vendor, secret));
        }

        return activity;
    }

    private static string? Redact(string? value, string? secret) => value is null ? null : Runner.SecretRedactor.Redact(value, secret);

    /// <summary>Starts the child activity of one stage.</summary>
    public static Activity? StartStage(DryRunStage stage) => ActivitySource.StartActivity(StageName(stage));

    /// <summary>Tags the run's activity with its outcome and records the metrics.</summary>
    public void Complete(Activity? activity, string? vendor, ConnectionDryRunResult result)
    {
        var diagnostics = result.Diagnostics;
        var outcome = result.IsSuccess ? "success" : "failure";
        var kind = diagnostics.Kind?.ToString();
        if (activity is not null)
        {
            activity.SetTag("trifacta.dry_run.result", outcome);
            activity.SetTag("trifacta.dry_run.attempts", diagnostics.Attempts);
            if (kind is not null)
            {
                activity.SetTag("error.type", kind);
                activity.SetTag("trifacta.dry_run.failed_stage", diagnostics.FailedStage is { } stage ? StageName(stage) : null);
                activity.SetStatus(ActivityStatusCode.Error, result.Reason?.Exception.Message);
            }
        }

        var vendorTag = new KeyValuePair<string, object?>("trifacta.connection.vendor", vendor);
        _runs.Add(1, new("trifacta.dry_run.result", outcome), new("trifacta.dry_run.failure_kind", kind), vendorTag);
        _duration.Record(diagnostics.Elapsed.TotalSeconds, new("trifacta.dry_run.result", outcome), vendorTag);
    }

    public static string StageName(DryRunStage stage) => stage switch
    {
        DryRunStage.Validate => "validate",
        DryRunStage.Policy => "policy",
        DryRunStage.Key => "key",
        DryRunStage.Create => "create",
        DryRunStage.Test => "test",
        DryRunStage.Delete => "delete",
        DryRunStage.Resolve => "resolve",
        DryRunStage.Connect => "connect",
        DryRunStage.Tls => "tls",
        DryRunStage.Authenticate => "authenticate",
        DryRunStage.Query => "query",
        DryRunStage.Queue => "queue",
        _ => stage.ToString().ToLowerInvariant(),
    };

    /// <summary>OpenTelemetry's <c>db.system.name</c> for a vendor.</summary>
    public static string? DatabaseSystem(string? vendor) => vendor?.ToLowerInvariant() switch
    {
        "postgres" => "postgresql",
        "redshift" => "aws.redshift",
        "mysql" => "mysql",
        "sqlserver" or "sqldatawarehouse" => "microsoft.sql_server",
        _ => vendor,
    };

    public void Dispose() => _meter.Dispose();
}
