namespace Trifacta.Connections.Runner;

/// <summary>Times the stages of one dry run with the configured <see cref="TimeProvider"/>.</summary>
internal sealed class StageClock(TimeProvider timeProvider)
{
    private readonly List<DryRunStageTiming> _timings = new(6);
    private readonly long _start = timeProvider.GetTimestamp();
    private long _stageStart = timeProvider.GetTimestamp();

    public DryRunStage Current { get; private set; } = DryRunStage.Validate;

    public IReadOnlyList<DryRunStageTiming> Timings => _timings;

    public TimeSpan Elapsed => timeProvider.GetElapsedTime(_start);

    /// <summary>Ends the current stage and starts <paramref name="next"/>.</summary>
    public void Next(DryRunStage next)
    {
        End();
        Current = next;
    }

    /// <summary>Ends the current stage, recording its duration.</summary>
    public void End()
    {
        var now = timeProvider.GetTimestamp();
        _timings.Add(new(Current, timeProvider.GetElapsedTime(_stageStart, now)));
        _stageStart = now;
    }
}
