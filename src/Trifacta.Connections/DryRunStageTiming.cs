namespace Trifacta.Connections;

/// <summary>How long one stage of a dry run took.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Duration">Its wall-clock duration, measured with the configured <see cref="TimeProvider"/>.</param>
public readonly record struct DryRunStageTiming(DryRunStage Stage, TimeSpan Duration);
