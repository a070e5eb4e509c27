using Microsoft.Extensions.Logging;

namespace Trifacta.Connections.Diagnostics;

/// <summary>Every log line of the library, with stable event ids. None carries a secret: causes are redacted first.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "DryRunSucceeded", Level = LogLevel.Information,
        Message = "Dry run {ConnectionId} of {Vendor} connection to {Host}:{Port} succeeded in {ElapsedMilliseconds:F1} ms")]
    public static partial void DryRunSucceeded(ILogger logger, Guid connectionId, string vendor, string host, int port, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, EventName = "DryRunFailed", Level = LogLevel.Information,
        Message = "Dry run {ConnectionId} of {Vendor} connection failed at stage {Stage}: {Kind}: {Cause}")]
    public static partial void DryRunFailed(ILogger logger, Guid connectionId, string? vendor, DryRunStage stage, ConnectionFailureKind kind, string? cause);

    [LoggerMessage(EventId = 1003, EventName = "ProbeThrew", Level = LogLevel.Error,
        Message = "The probe for vendor {Vendor} threw {ExceptionType} instead of returning a result; reported as Unknown")]
    public static partial void ProbeThrew(ILogger logger, string vendor, string exceptionType);

    [LoggerMessage(EventId = 1004, EventName = "DryRunCanceled", Level = LogLevel.Debug,
        Message = "Dry run {ConnectionId} was canceled by the caller at stage {Stage}; the connection was deleted")]
    public static partial void DryRunCanceled(ILogger logger, Guid connectionId, DryRunStage stage);

    [LoggerMessage(EventId = 1005, EventName = "DryRunAttemptRetried", Level = LogLevel.Information,
        Message = "Dry run {ConnectionId}: attempt {Attempt} failed with {Kind}, a transient failure; trying again in {DelayMilliseconds:F0} ms")]
    public static partial void DryRunAttemptRetried(ILogger logger, Guid connectionId, int attempt, ConnectionFailureKind kind, double delayMilliseconds);

    [LoggerMessage(EventId = 1006, EventName = "KeyFileReadableByOthers", Level = LogLevel.Warning,
        Message = "The encryption key file '{Path}' may be read by its group or others (mode {Mode}); restrict it to its owner (chmod 600), or set RequireStrictKeyFilePermissions to refuse such a file")]
    public static partial void KeyFileReadableByOthers(ILogger logger, string path, string mode);
}
