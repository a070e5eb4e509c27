namespace Trifacta.Connections.Runner;

/// <summary>
/// Times the stages of one dry run with the configured <see cref="TimeProvider"/>: the top-level stages, and within
/// the test stage the sub-stages each attempt reports.
/// </summary>
internal sealed class StageClock(TimeProvider timeProvider)
{
    private readonly List<DryRunStageTiming> _timings = new(12);
    private readonly Lock _lock = new();
    private readonly long _start = timeProvider.GetTimestamp();
    private long _stageStart = timeProvider.GetTimestamp();
    private long _subStageStart;

    public DryRunStage Current { get; private set; } = DryRunStage.Validate;

    /// <summary>The sub-stage of the test stage in progress or last ended; <see langword="null"/> before the first.</summary>
    public DryRunStage? CurrentSubStage { get; private set; }

    private bool SubStageOpen { get; set; }

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
        lock (_lock)
        {
            EndSubStageLocked();
            var now = timeProvider.GetTimestamp();
            _timings.Add(new(Current, timeProvider.GetElapsedTime(_stageStart, now)));
            _stageStart = now;
        }
    }

    /// <summary>Ends the sub-stage in progress, if any, and starts <paramref name="subStage"/>.</summary>
    public void EnterSubStage(DryRunStage subStage)
    {
        lock (_lock)
        {
            EndSubStageLocked();
            CurrentSubStage = subStage;
            SubStageOpen = true;
            _subStageStart = timeProvider.GetTimestamp();
        }
    }

    /// <summary>Ends the sub-stage in progress, if any (an attempt ended).</summary>
    public void EndSubStage()
    {
        lock (_lock)
        {
            EndSubStageLocked();
        }
    }

    private void EndSubStageLocked()
    {
        if (SubStageOpen)
        {
            _timings.Add(new(CurrentSubStage!.Value, timeProvider.GetElapsedTime(_subStageStart)));
            SubStageOpen = false;
        }
    }
}
