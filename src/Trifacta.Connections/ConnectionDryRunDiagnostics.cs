namespace Trifacta.Connections;

/// <summary>What a dry run did and where it stopped. Never contains a secret.</summary>
public sealed record ConnectionDryRunDiagnostics
{
    internal static readonly ConnectionDryRunDiagnostics Empty = new();

    /// <summary>The in-memory connection's id; <see cref="Guid.Empty"/> when the run stopped before the create stage.</summary>
    public Guid ConnectionId { get; init; }

    /// <summary>The vendor the request named, as given.</summary>
    public string? Vendor { get; init; }

    /// <summary>The kind of failure; <see langword="null"/> on success.</summary>
    public ConnectionFailureKind? Kind { get; init; }

    /// <summary>The stage that failed; <see langword="null"/> on success.</summary>
    public DryRunStage? FailedStage { get; init; }

    /// <summary>Whether the failure is of a transient kind, one worth trying again later.</summary>
    public bool IsTransient { get; init; }

    /// <summary>How many times the probe was started (0 when the run stopped before the test stage).</summary>
    public int Attempts { get; init; }

    /// <summary>The vendor's own error code when there is one (a PostgreSQL SQLSTATE, a MySQL error number, a socket error).</summary>
    public string? VendorCode { get; init; }

    /// <summary>Every rule the request broke, for <see cref="ConnectionFailureKind.InvalidRequest"/>; empty otherwise.</summary>
    public IReadOnlyList<InvalidField> InvalidFields { get; init; } = [];

    /// <summary>Each stage that ran, in order, with its duration.</summary>
    public IReadOnlyList<DryRunStageTiming> Timings { get; init; } = [];

    /// <summary>The whole run's duration.</summary>
    public TimeSpan Elapsed { get; init; }
}
