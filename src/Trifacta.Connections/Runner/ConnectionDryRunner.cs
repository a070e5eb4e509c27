using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trifacta.Connections.Diagnostics;
using Trifacta.Connections.Encryption;

namespace Trifacta.Connections.Runner;

/// <summary>
/// The dry run lifecycle of SPEC §3: validate, policy, key, create, test, delete. Delete always runs; a failure
/// is a result; caller cancellation throws; an expired deadline is a Timeout failure naming the stage.
/// </summary>
internal sealed class ConnectionDryRunner : IConnectionDryRunner
{
    private readonly FrozenDictionary<string, IConnectionProbe> _probes;
    private readonly string _registeredVendors;
    private readonly IEncryptionKeyProvider _keyProvider;
    private readonly IOptionsMonitor<ConnectionDryRunOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ConnectionDryRunner(
        IEnumerable<IConnectionProbe> probes,
        IEncryptionKeyProvider keyProvider,
        IOptionsMonitor<ConnectionDryRunOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectionDryRunner> logger)
    {
        // A later registration for the same vendor replaces an earlier one, as DI's own "last wins".
        var byVendor = new Dictionary<string, IConnectionProbe>(StringComparer.OrdinalIgnoreCase);
        foreach (var probe in probes)
        {
            byVendor[probe.Vendor] = probe;
        }

        _probes = byVendor.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _registeredVendors = _probes.Count == 0 ? "none" : string.Join(", ", _probes.Keys.Order(StringComparer.Ordinal));
        _keyProvider = keyProvider;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<ConnectionDryRunResult> DryRunAsync(ConnectionDryRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var options = _options.CurrentValue;
        var clock = new StageClock(_timeProvider);
        using var deadline = new CancellationTokenSource(options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = new RunState(request, clock, options.Timeout);

        // 1. validate
        var validated = RequestValidator.Validate(request, _probes);
        if (!validated.IsValid)
        {
            return LibraryFailure(run, new InvalidConnectionRequestException(DescribeInvalid(validated.Errors, validated.Password)), validated.Password, validated.Errors);
        }

        var target = validated.Target!;
        var password = validated.Password!;

        // 2. policy
        clock.Next(DryRunStage.Policy);
        if (!_probes.TryGetValue(target.Vendor, out var probe))
        {
            return LibraryFailure(run, new UnsupportedVendorException(
                $"The vendor '{Shorten(target.Vendor)}' is not supported: no probe is registered for it. Registered vendors: {_registeredVendors}."), password);
        }

        if (!string.Equals(validated.CredentialType, RequestValidator.BasicCredentialType, StringComparison.OrdinalIgnoreCase))
        {
            return LibraryFailure(run, new UnsupportedCredentialTypeException(
                $"The credential type '{Shorten(validated.CredentialType)}' is not supported. Supported credential types: {RequestValidator.BasicCredentialType}."), password);
        }

        // 3. key
        clock.Next(DryRunStage.Key);
        byte[] key;
        try
        {
            key = await _keyProvider.GetKeyAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return TimeoutFailure(run, password);
        }
        catch (ConnectionDryRunException ex)
        {
            return LibraryFailure(run, ex, password);
        }

        // 4. create
        clock.Next(DryRunStage.Create);
        SealedConnection connection;
        try
        {
            if (key.Length != SealedConnection.KeySize)
            {
                return LibraryFailure(run, new EncryptionKeyUnavailableException(
                    $"The encryption key provider returned {key.Length} bytes; AES-256 needs {SealedConnection.KeySize}."), password);
            }

            connection = SealedConnection.Create(target, password, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        // 5. test, then 6. delete whatever happened.
        clock.Next(DryRunStage.Test);
        run.ConnectionId = connection.Id;
        ConnectionProbeResult? outcome;
        try
        {
            run.Attempts = 1;
            outcome = await TestAsync(probe, connection, options.Timeout - clock.Elapsed, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            Delete(connection, clock);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Log.DryRunCanceled(_logger, connection.Id, DryRunStage.Test);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (outcome is null || (!outcome.IsSuccess && deadline.IsCancellationRequested))
        {
            // Drivers wrap a canceled wait in their own exception types; the deadline is the real cause.
            outcome = TimeoutOutcome(run);
        }

        if (outcome.IsSuccess)
        {
            Log.DryRunSucceeded(_logger, connection.Id, target.Vendor, target.Host, target.Port, clock.Elapsed.TotalMilliseconds);
            return new ConnectionDryRunResult
            {
                Result = ConnectionDryRunOutcome.Success,
                Diagnostics = run.Diagnostics(),
            };
        }

        return ProbeFailure(run, outcome, password);
    }

    /// <summary>Runs the probe; <see langword="null"/> when it stopped because the caller or the deadline canceled it.</summary>
    private async Task<ConnectionProbeResult?> TestAsync(IConnectionProbe probe, SealedConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.ProbeAsync(new ConnectionProbeContext(connection, timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ConnectionDryRunException ex)
        {
            return ConnectionProbeResult.Failure(ex.Kind, ex);
        }
#pragma warning disable CA1031 // A probe bug must still produce a result and a deleted connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ProbeThrew(_logger, probe.Vendor, ex.GetType().FullName ?? ex.GetType().Name);
            return ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, ex);
        }
    }

    private static void Delete(SealedConnection connection, StageClock clock)
    {
        clock.Next(DryRunStage.Delete);
        connection.Dispose();
        clock.End();
    }

    private ConnectionDryRunResult TimeoutFailure(RunState run, string password)
    {
        run.Clock.End();
        return ProbeFailure(run, TimeoutOutcome(run), password);
    }

    private static ConnectionProbeResult TimeoutOutcome(RunState run) =>
        ConnectionProbeResult.Failure(
            ConnectionFailureKind.Timeout,
            $"TimeoutException: The dry run did not finish within its deadline of {run.Timeout.TotalSeconds:0.###} s (stage: {run.FailedStage.ToString().ToLowerInvariant()}).");

    private ConnectionDryRunResult ProbeFailure(RunState run, ConnectionProbeResult outcome, string? password)
    {
        var kind = outcome.Kind!.Value;
        var cause = SecretRedactor.Redact(outcome.Cause ?? string.Empty, password);
        var libraryName = FailureCatalog.LibraryExceptionName(kind);
        var info = new ConnectionDryRunExceptionInfo
        {
            Name = libraryName ?? FailureCatalog.JdbcConnectionException,
            Message = libraryName is null ? FailureCatalog.MessageFor(kind) : cause,
            Details = libraryName ?? FailureCatalog.JdbcConnectionException,
            Cause = kind == ConnectionFailureKind.ConnectionRefused ? FailureCatalog.ConnectionRefusedCause : cause,
        };

        return Failed(run, kind, info, outcome.VendorCode, []);
    }

    private ConnectionDryRunResult LibraryFailure(RunState run, ConnectionDryRunException exception, string? password, IReadOnlyList<InvalidField>? invalidFields = null)
    {
        run.Clock.End();
        var name = exception.GetType().FullName ?? exception.GetType().Name;
        var message = SecretRedactor.Redact(exception.Message, password);
        var info = new ConnectionDryRunExceptionInfo
        {
            Name = name,
            Message = message,
            Details = name,
            Cause = exception.GetType().Name + ": " + message,
        };

        var fields = invalidFields is null
            ? []
            : invalidFields.Select(f => f with { Problem = SecretRedactor.Redact(f.Problem, password) }).ToArray();
        return Failed(run, exception.Kind, info, null, fields);
    }

    private ConnectionDryRunResult Failed(RunState run, ConnectionFailureKind kind, ConnectionDryRunExceptionInfo info, string? vendorCode, IReadOnlyList<InvalidField> invalidFields)
    {
        var stage = run.FailedStage;
        Log.DryRunFailed(_logger, run.ConnectionId, run.Request.Vendor, stage, kind, info.Cause);
        return new ConnectionDryRunResult
        {
            Result = ConnectionDryRunOutcome.Failure,
            Reason = new ConnectionDryRunReason { Exception = info },
            Diagnostics = run.Diagnostics() with
            {
                Kind = kind,
                FailedStage = stage,
                IsTransient = FailureCatalog.IsTransient(kind),
                VendorCode = vendorCode,
                InvalidFields = invalidFields,
            },
        };
    }

    private static string DescribeInvalid(IReadOnlyList<InvalidField> errors, string? password)
    {
        var parts = errors.Select(e => $"{e.Field}: {e.Problem}");
        return SecretRedactor.Redact($"The connection request is invalid ({errors.Count} {(errors.Count == 1 ? "problem" : "problems")}): {string.Join(" ", parts)}", password);
    }

    private static string Shorten(string text) => ConnectStringOptionsParser.Shorten(text);

    /// <summary>What one run has done so far, to build its diagnostics.</summary>
    private sealed class RunState(ConnectionDryRunRequest request, StageClock clock, TimeSpan timeout)
    {
        private DryRunStage? _failedStage;

        public ConnectionDryRunRequest Request { get; } = request;

        public StageClock Clock { get; } = clock;

        public TimeSpan Timeout { get; } = timeout;

        public Guid ConnectionId { get; set; }

        public int Attempts { get; set; }

        /// <summary>The stage the run stopped in: the test stage even once delete has run after it.</summary>
        public DryRunStage FailedStage
        {
            get => _failedStage ?? (Clock.Current == DryRunStage.Delete ? DryRunStage.Test : Clock.Current);
            set => _failedStage = value;
        }

        public ConnectionDryRunDiagnostics Diagnostics() => new()
        {
            ConnectionId = ConnectionId,
            Vendor = Request.Vendor,
            Attempts = Attempts,
            Timings = Clock.Timings,
            Elapsed = Clock.Elapsed,
        };
    }
}
