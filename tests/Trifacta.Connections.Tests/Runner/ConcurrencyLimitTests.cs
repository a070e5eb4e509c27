using Microsoft.Extensions.Time.Testing;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Runner;

public sealed class ConcurrencyLimitTests
{
    private static (IConnectionProbe Probe, TaskCompletionSource Release, SemaphoreSlim Started) BlockingProbe()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SemaphoreSlim(0);
        var probe = RunnerFactory.Probe(behaviour: async (_, token) =>
        {
            started.Release();
            await release.Task.WaitAsync(token);
            return ConnectionProbeResult.Success;
        });
        return (probe, release, started);
    }

    [Fact]
    public async Task A_dry_run_beyond_the_limit_and_the_queue_is_turned_away_at_once_saying_why()
    {
        var (probe, release, started) = BlockingProbe();
        var runner = RunnerFactory.Create([probe], configure: o =>
        {
            o.MaxConcurrentDryRuns = 1;
            o.MaxQueuedDryRuns = 0;
        });
        var first = runner.DryRunAsync(Requests.Valid());
        await started.WaitAsync();

        var second = await runner.DryRunAsync(Requests.Valid());

        second.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TooManyDryRuns);
        second.Diagnostics.FailedStage.Should().Be(DryRunStage.Queue);
        second.Diagnostics.IsTransient.Should().BeTrue();
        second.Reason!.Exception.Name.Should().Be("Trifacta.Connections.TooManyDryRunsException");
        second.Reason.Exception.Message.Should().Be("The dry run was turned away: 1 dry runs are running and 0 are waiting (MaxConcurrentDryRuns, MaxQueuedDryRuns). Try again shortly.");
        release.SetResult();
        (await first).IsSuccess.Should().BeTrue();
        (await runner.DryRunAsync(Requests.Valid())).IsSuccess.Should().BeTrue("the slot is free again");
    }

    [Fact]
    public async Task A_queued_dry_run_runs_when_a_slot_frees()
    {
        var (probe, release, started) = BlockingProbe();
        var runner = RunnerFactory.Create([probe], configure: o =>
        {
            o.MaxConcurrentDryRuns = 1;
            o.MaxQueuedDryRuns = 5;
        });
        var first = runner.DryRunAsync(Requests.Valid());
        await started.WaitAsync();
        var second = runner.DryRunAsync(Requests.Valid());
        await Task.Delay(50);

        second.IsCompleted.Should().BeFalse("it waits in the queue");
        release.SetResult();

        (await first).IsSuccess.Should().BeTrue();
        var queued = await second;
        queued.IsSuccess.Should().BeTrue();
        queued.Diagnostics.Timings.Should().Contain(t => t.Stage == DryRunStage.Queue);
    }

    [Fact]
    public async Task A_dry_run_that_waits_longer_than_QueueTimeout_is_turned_away()
    {
        var time = new FakeTimeProvider();
        var (probe, release, started) = BlockingProbe();
        var runner = RunnerFactory.Create([probe], timeProvider: time, configure: o =>
        {
            o.MaxConcurrentDryRuns = 1;
            o.MaxQueuedDryRuns = 5;
            o.QueueTimeout = TimeSpan.FromSeconds(2);
        });
        var first = runner.DryRunAsync(Requests.Valid());
        await started.WaitAsync();
        var second = runner.DryRunAsync(Requests.Valid());

        time.Advance(TimeSpan.FromSeconds(2));
        var result = await second;

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.TooManyDryRuns);
        result.Reason!.Exception.Message.Should().Be("The dry run was turned away after waiting 2 s for one of the 1 dry runs allowed at once (QueueTimeout). Try again shortly.");
        release.SetResult();
        await first;
    }

    [Fact]
    public async Task Caller_cancellation_while_queued_throws()
    {
        var (probe, release, started) = BlockingProbe();
        var runner = RunnerFactory.Create([probe], configure: o => o.MaxConcurrentDryRuns = 1);
        var first = runner.DryRunAsync(Requests.Valid());
        await started.WaitAsync();
        using var cancel = new CancellationTokenSource();

        var second = runner.DryRunAsync(Requests.Valid(), cancel.Token);
        await cancel.CancelAsync();

        await second.Invoking(s => s).Should().ThrowAsync<OperationCanceledException>();
        release.SetResult();
        await first;
    }
}
