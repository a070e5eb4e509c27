using System.Collections.Frozen;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Trifacta.Connections.Diagnostics;
using Trifacta.Connections.Encryption;
using Trifacta.Connections.Policy;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.Runner;

/// <summary>
/// The dry run lifecycle of SPEC §3: validate, policy, key, create, test, delete. Delete always runs; a failure
/// is a result; caller cancellation throws; an expired deadline is a Timeout failure naming the stage. The test
/// stage runs in one Polly pipeline: overall deadline, retry of transient kinds, per-attempt timeout.
/// </summary>
internal sealed class ConnectionDryRunner : IConnectionDryRunner, IDisposable
{
    private static readonly ResiliencePropertyKey<RunState> RunKey = new("Trifacta.Connections.Run");

    private readonly FrozenDictionary<string, IConnectionProbe> _probes;
    private readonly string _registeredVendors;
    private readonly IEncryptionKeyProvider _keyProvider;
    private readonly IOptionsMonitor<ConnectionDryRunOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly DryRunTelemetry _telemetry;
    private readonly IHostResolver _resolver;
    private readonly ILogger _logger;
    private Settings? _settings;
    private ConcurrencyLimiter? _limiter;

    public ConnectionDryRunner(
        IEnumerable<IConnectionProbe> probes,
        IEncryptionKeyProvider keyProvider,
        IOptionsMonitor<ConnectionDryRunOptions> options,
        TimeProvider timeProvider,
        DryRunTelemetry telemetry,
        IHostResolver resolver,
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
        _telemetry = telemetry;
        _resolver = resolver;
        _logger = logger;
    }

    public async Task<ConnectionDryRunResult> DryRunAsync(ConnectionDryRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        // Any field may hold the password (a host or vendor typed into the wrong box): every value of the request
        // that leaves the library, in a result, log line or tag, is redacted with it.
        var secret = request.Credentials is { Count: > 0 } credentials ? credentials[0]?.Password?.Reveal() : null;
        using var activity = DryRunTelemetry.StartRun(request, secret);
        var run = new RunState(request, CurrentSettings(), new StageClock(_timeProvider), _resolver, _logger, secret);
        try
        {
            var result = await RunAsync(run, cancellationToken).ConfigureAwait(false);

            // Metric tags carry only registered vendors: request text would leak or explode the tag's cardinality.
            var vendor = request.Vendor is not null && _probes.TryGetValue(request.Vendor, out var probe) ? probe.Vendor : "unregistered";
            _telemetry.Complete(activity, vendor, result);
            return result;
        }
        finally
        {
            run.StopStageActivity();
        }
    }

    private async Task<ConnectionDryRunResult> RunAsync(RunState run, CancellationToken cancellationToken)
    {
        run.EnterStage(DryRunStage.Validate);

        // 1. validate
        var validated = RequestValidator.Validate(run.Request, _probes);
        if (!validated.IsValid)
        {
            return LibraryFailure(run, new InvalidConnectionRequestException(DescribeInvalid(validated.Errors)), validated.Errors);
        }

        var target = validated.Target!;
        var password = validated.Password!;

        // 2. policy
        run.EnterStage(DryRunStage.Policy);
        if (!_probes.TryGetValue(target.Vendor, out var probe))
        {
            return LibraryFailure(run, new UnsupportedVendorException(
                $"The vendor '{Shorten(target.Vendor)}' is not supported: no probe is registered for it. Registered vendors: {_registeredVendors}."));
        }

        if (!string.Equals(validated.CredentialType, RequestValidator.BasicCredentialType, StringComparison.OrdinalIgnoreCase))
        {
            return LibraryFailure(run, new UnsupportedCredentialTypeException(
                $"The credential type '{Shorten(validated.CredentialType)}' is not supported. Supported credential types: {RequestValidator.BasicCredentialType}."));
        }

        if (run.Settings.Policy.CheckHost(target.Host) is { } refusal)
        {
            return LibraryFailure(run, new BlockedByPolicyException(refusal));
        }

        // Admission: at most MaxConcurrentDryRuns at once, a bounded queue, a bounded wait.
        run.EnterStage(DryRunStage.Queue);
        using var lease = await AdmitAsync(run, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return LibraryFailure(run, new TooManyDryRunsException(run.Refusal!));
        }

        return await CreateTestDeleteAsync(run, target, password, probe, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConnectionDryRunResult> CreateTestDeleteAsync(RunState run, ConnectionTarget target, string password, IConnectionProbe probe, CancellationToken cancellationToken)
    {
        var clock = run.Clock;

        // 3. key
        run.EnterStage(DryRunStage.Key);
        byte[] key;
        try
        {
            key = await _keyProvider.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionDryRunException ex)
        {
            return LibraryFailure(run, ex);
        }

        // 4. create
        run.EnterStage(DryRunStage.Create);
        SealedConnection connection;
        try
        {
            if (key.Length != SealedConnection.KeySize)
            {
                return LibraryFailure(run, new EncryptionKeyUnavailableException(
                    $"The encryption key provider returned {key.Length} bytes; AES-256 needs {SealedConnection.KeySize}."));
            }

            connection = SealedConnection.Create(target, password, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        // 5. test, then 6. delete whatever happened.
        run.EnterStage(DryRunStage.Test);
        run.Connection = connection;
        run.Probe = probe;
        Outcome<ConnectionProbeResult> outcome;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RunKey, run);
            outcome = await run.Settings.Pipeline.ExecuteOutcomeAsync(AttemptAsync, context, run).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            run.EnterStage(DryRunStage.Delete);
            connection.Dispose();
            clock.End();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Log.DryRunCanceled(_logger, connection.Id, clock.CurrentSubStage ?? DryRunStage.Test);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (run.LibraryException is { } libraryException)
        {
            // A library failure inside the test (the host policy refused a resolved address) keeps its own name.
            run.FailedStageOverride = clock.CurrentSubStage ?? DryRunStage.Test;
            return LibraryFailure(run, libraryException, endStage: false);
        }

        var probeResult = outcome.Exception switch
        {
            null => outcome.Result!,
            TimeoutRejectedException or OperationCanceledException => TimeoutOutcome(run),
            var other => ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, other),
        };

        if (probeResult.IsSuccess)
        {
            Log.DryRunSucceeded(_logger, connection.Id, probe.Vendor, run.Redact(target.Host)!, target.Port, clock.Elapsed.TotalMilliseconds);
            return new ConnectionDryRunResult
            {
                Result = ConnectionDryRunOutcome.Success,
                Diagnostics = run.Diagnostics(),
            };
        }

        return ProbeFailure(run, probeResult);
    }

    /// <summary>One attempt of the test stage, inside the pipeline.</summary>
    private static async ValueTask<Outcome<ConnectionProbeResult>> AttemptAsync(ResilienceContext context, RunState run)
    {
        var token = context.CancellationToken;
        var attempt = ++run.Attempts;
        var timeout = AttemptTimeout(run.Settings.Options);
        var remaining = run.RemainingDeadline();
        var probeContext = new ConnectionProbeContext(run.Connection!, run.Clock, attempt, remaining < timeout ? remaining : timeout, run.Settings.Trust, run.Resolver, run.Settings.Policy);
        try
        {
            // Drivers do not all stop promptly when asked (Npgsql waits out its own timeout while reading the
            // server's first byte), so the attempt stops waiting when its token fires; the probe's own timeout,
            // set just above the attempt's, ends what is left of it shortly after.
            var probing = run.Probe!.ProbeAsync(probeContext, token);
            ConnectionProbeResult result;
            try
            {
                result = await probing.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested && !probing.IsCompleted)
            {
                _ = probing.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return Canceled(token);
            }

            // A failure reported after the token fired is the timeout's or the caller's doing, whatever the driver called it.
            return !result.IsSuccess && token.IsCancellationRequested ? Canceled(token) : Outcome.FromResult(result);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            return Canceled(token);
        }
        catch (ConnectionDryRunException ex)
        {
            run.LibraryException = ex;
            return Outcome.FromResult(ConnectionProbeResult.Failure(ex.Kind, ex));
        }
#pragma warning disable CA1031 // A probe bug must still produce a result and a deleted connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ProbeThrew(run.Logger, run.Probe!.Vendor, ex.GetType().FullName ?? ex.GetType().Name);
            return Outcome.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, ex));
        }
        finally
        {
            probeContext.End();
        }
    }

    private static Outcome<ConnectionProbeResult> Canceled(CancellationToken token) =>
        Outcome.FromException<ConnectionProbeResult>(new OperationCanceledException(token));

    public void Dispose() => _limiter?.Dispose();

    /// <summary>Logs and counts a body the JSON entry point rejected before it became a request.</summary>
    internal void RecordRejectedBody(ConnectionDryRunResult result)
    {
        var diagnostics = result.Diagnostics;
        Log.DryRunFailed(_logger, Guid.Empty, null, diagnostics.FailedStage ?? DryRunStage.Validate, diagnostics.Kind ?? ConnectionFailureKind.InvalidRequest, result.Reason?.Exception.Cause);
        _telemetry.Complete(null, "unregistered", result);
    }

    private async ValueTask<RateLimitLease> AdmitAsync(RunState run, CancellationToken cancellationToken)
    {
        var options = run.Settings.Options;
        var limiter = LazyInitializer.EnsureInitialized(ref _limiter, () => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentDryRuns,
            QueueLimit = options.MaxQueuedDryRuns,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var timeout = new CancellationTokenSource(options.QueueTimeout, _timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            lease = await limiter.AcquireAsync(1, wait.Token).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                run.Refusal = $"The dry run was turned away: {options.MaxConcurrentDryRuns} dry runs are running and {options.MaxQueuedDryRuns} are waiting (MaxConcurrentDryRuns, MaxQueuedDryRuns). Try again shortly.";
            }

            return lease;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            run.Refusal = $"The dry run was turned away after waiting {options.QueueTimeout.TotalSeconds:0.###} s for one of the {options.MaxConcurrentDryRuns} dry runs allowed at once (QueueTimeout). Try again shortly.";
            return FailedLease.Instance;
        }
    }

    private Settings CurrentSettings()
    {
        var options = _options.CurrentValue;
        var settings = _settings;
        if (settings is null || !ReferenceEquals(settings.Options, options))
        {
            settings = new Settings(options, BuildPipeline(options), TrustPolicy.For(options.TrustedCaCertificatesFile), new HostPolicy(options.HostPolicy));
            _settings = settings;
        }

        return settings;
    }

    private ResiliencePipeline<ConnectionProbeResult> BuildPipeline(ConnectionDryRunOptions options)
    {
        var builder = new ResiliencePipelineBuilder<ConnectionProbeResult> { TimeProvider = _timeProvider };

        // The overall deadline: what is left of the dry run's Timeout when the test stage starts.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "DryRunDeadline",
            TimeoutGenerator = static args =>
            {
                var remaining = args.Context.Properties.GetValue(RunKey, null!).RemainingDeadline();
                return ValueTask.FromResult(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
            },
            OnTimeout = static args =>
            {
                args.Context.Properties.GetValue(RunKey, null!).DeadlineExpired = true;
                return default;
            },
        });

        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ConnectionProbeResult>
            {
                Name = "TransientRetry",
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Result is { Kind: { } kind } && FailureCatalog.IsTransient(kind)),
                OnRetry = static args =>
                {
                    var run = args.Context.Properties.GetValue(RunKey, null!);
                    Log.DryRunAttemptRetried(run.Logger, run.Connection!.Id, args.AttemptNumber + 1, args.Outcome.Result!.Kind!.Value, args.RetryDelay.TotalMilliseconds);
                    Activity.Current?.AddEvent(new ActivityEvent("retry"));
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = AttemptTimeout(options) });
        return builder.Build();
    }

    private static TimeSpan AttemptTimeout(ConnectionDryRunOptions options) =>
        options.AttemptTimeout < options.Timeout ? options.AttemptTimeout : options.Timeout;

    private static ConnectionProbeResult TimeoutOutcome(RunState run)
    {
        var stage = DryRunTelemetry.StageName(run.FailedStage);
        var options = run.Settings.Options;
        var cause = run.DeadlineExpired
            ? $"TimeoutException: The dry run did not finish within its deadline of {options.Timeout.TotalSeconds:0.###} s (stage: {stage}, attempt {run.Attempts})."
            : $"TimeoutException: Attempt {run.Attempts} did not finish within its timeout of {AttemptTimeout(options).TotalSeconds:0.###} s (stage: {stage}).";
        return ConnectionProbeResult.Failure(ConnectionFailureKind.Timeout, cause);
    }

    private ConnectionDryRunResult ProbeFailure(RunState run, ConnectionProbeResult outcome)
    {
        var kind = outcome.Kind!.Value;
        var cause = run.Redact(outcome.Cause ?? string.Empty)!;
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

    private ConnectionDryRunResult LibraryFailure(RunState run, ConnectionDryRunException exception, IReadOnlyList<InvalidField>? invalidFields = null, bool endStage = true)
    {
        if (endStage)
        {
            run.FailedStageOverride = run.Clock.Current;
            run.Clock.End();
            run.StopStageActivity();
        }

        var name = exception.GetType().FullName ?? exception.GetType().Name;
        var message = run.Redact(exception.Message)!;
        var info = new ConnectionDryRunExceptionInfo
        {
            Name = name,
            Message = message,
            Details = name,
            Cause = exception.GetType().Name + ": " + message,
        };

        var fields = invalidFields is null
            ? []
            : invalidFields.Select(f => f with { Problem = run.Redact(f.Problem)! }).ToArray();
        return Failed(run, exception.Kind, info, null, fields);
    }

    private ConnectionDryRunResult Failed(RunState run, ConnectionFailureKind kind, ConnectionDryRunExceptionInfo info, string? vendorCode, IReadOnlyList<InvalidField> invalidFields)
    {
        var stage = run.FailedStage;
        Log.DryRunFailed(_logger, run.Connection?.Id ?? Guid.Empty, run.Redact(run.Request.Vendor), stage, kind, info.Cause);
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

    private static string DescribeInvalid(IReadOnlyList<InvalidField> errors) =>
        $"The connection request is invalid ({errors.Count} {(errors.Count == 1 ? "problem" : "problems")}): {string.Join(" ", errors.Select(e => $"{e.Field}: {e.Problem}"))}";

    private static string Shorten(string text) => ConnectStringOptionsParser.Shorten(text);

    /// <summary>A lease that was not granted (the wait for one timed out).</summary>
    private sealed class FailedLease : RateLimitLease
    {
        public static readonly FailedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>What a given options instance makes: the pipeline and the TLS trust.</summary>
    private sealed record Settings(ConnectionDryRunOptions Options, ResiliencePipeline<ConnectionProbeResult> Pipeline, TrustPolicy Trust, HostPolicy Policy);

    /// <summary>What one run has done so far, to drive the pipeline and build its diagnostics.</summary>
    private sealed class RunState(ConnectionDryRunRequest request, Settings settings, StageClock clock, IHostResolver resolver, ILogger logger, string? secret)
    {
        /// <summary>A request value made safe to show: the password removed from it.</summary>
        public string? Redact(string? value) => value is null ? null : SecretRedactor.Redact(value, secret);

        private Activity? _stageActivity;

        public ConnectionDryRunRequest Request { get; } = request;

        public Settings Settings { get; } = settings;

        public StageClock Clock { get; } = clock;

        public ILogger Logger { get; } = logger;

        public IHostResolver Resolver { get; } = resolver;

        /// <summary>A library failure raised inside the test stage (the host policy refusing a resolved address).</summary>
        public ConnectionDryRunException? LibraryException { get; set; }

        public SealedConnection? Connection { get; set; }

        public IConnectionProbe? Probe { get; set; }

        public int Attempts { get; set; }

        public bool DeadlineExpired { get; set; }

        public DryRunStage? FailedStageOverride { get; set; }

        /// <summary>Why admission turned the run away.</summary>
        public string? Refusal { get; set; }

        /// <summary>The stage the run stopped in: a library stage, or within the test the last sub-stage reported.</summary>
        public DryRunStage FailedStage => FailedStageOverride ?? Clock.CurrentSubStage ?? DryRunStage.Test;

        public TimeSpan RemainingDeadline() => Settings.Options.Timeout - Clock.Elapsed;

        /// <summary>Ends the current stage (timing and activity) and starts <paramref name="stage"/>.</summary>
        public void EnterStage(DryRunStage stage)
        {
            if (stage != DryRunStage.Validate)
            {
                Clock.Next(stage);
            }

            StopStageActivity();
            _stageActivity = DryRunTelemetry.StartStage(stage);
        }

        public void StopStageActivity()
        {
            _stageActivity?.Dispose();
            _stageActivity = null;
        }

        public ConnectionDryRunDiagnostics Diagnostics() => new()
        {
            ConnectionId = Connection?.Id ?? Guid.Empty,
            Vendor = Redact(Request.Vendor),
            Attempts = Attempts,
            Timings = Clock.Timings,
            Elapsed = Clock.Elapsed,
        };
    }
}
