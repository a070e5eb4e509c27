using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Runner;

public sealed class ConnectionDryRunnerTests
{
    [Fact]
    public async Task A_success_times_every_stage_in_order_and_counts_one_attempt()
    {
        var result = await RunnerFactory.Create().DryRunAsync(Requests.Valid());

        result.IsSuccess.Should().BeTrue();
        result.Reason.Should().BeNull();
        result.Diagnostics.Timings.Select(t => t.Stage).Should().Equal(
            DryRunStage.Validate, DryRunStage.Policy, DryRunStage.Queue, DryRunStage.Key, DryRunStage.Create, DryRunStage.Test, DryRunStage.Delete);
        result.Diagnostics.Attempts.Should().Be(1);
        result.Diagnostics.Kind.Should().BeNull();
        result.Diagnostics.ConnectionId.Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_probe_sees_the_validated_target_and_can_unseal_the_password_only_until_delete()
    {
        ConnectionProbeContext? seen = null;
        string? revealed = null;
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            seen = context;
            revealed = context.RevealPassword();
            return Task.FromResult(ConnectionProbeResult.Success);
        });

        await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid(password: "pa55word"));

        revealed.Should().Be("pa55word");
        seen!.Host.Should().Be("127.0.0.1");
        seen.Port.Should().Be(5432);
        seen.Username.Should().Be("user");
        seen.Database.Should().Be("db");
        seen.Ssl.Should().BeFalse();
        seen.Invoking(c => c.RevealPassword()).Should().Throw<ObjectDisposedException>("delete wipes the sealed credentials");
    }

    [Fact]
    public async Task An_unregistered_vendor_is_UnsupportedVendor_naming_the_registered_ones()
    {
        var runner = RunnerFactory.Create([RunnerFactory.Probe("postgres"), RunnerFactory.Probe("redshift")]);

        var result = await runner.DryRunAsync(Requests.Valid("oracle"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.UnsupportedVendor);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Policy);
        result.Reason!.Exception.Name.Should().Be("Trifacta.Connections.UnsupportedVendorException");
        result.Reason.Exception.Message.Should().Be("The vendor 'oracle' is not supported: no probe is registered for it. Registered vendors: postgres, redshift.");
    }

    [Fact]
    public async Task A_credential_type_other_than_basic_is_UnsupportedCredentialType_naming_it_and_the_supported_ones()
    {
        var result = await RunnerFactory.Create().DryRunAsync(Requests.Valid() with { CredentialType = "oauth2", Credentials = null });

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.UnsupportedCredentialType);
        result.Reason!.Exception.Name.Should().Be("Trifacta.Connections.UnsupportedCredentialTypeException");
        result.Reason.Exception.Message.Should().Be("The credential type 'oauth2' is not supported. Supported credential types: basic.");
    }

    [Fact]
    public async Task A_key_that_cannot_be_had_is_EncryptionKeyUnavailable_and_the_probe_never_runs()
    {
        var keys = Substitute.For<IEncryptionKeyProvider>();
        keys.GetKeyAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new EncryptionKeyUnavailableException("The encryption key file '/k' does not exist."));
        var probe = RunnerFactory.Probe();

        var result = await RunnerFactory.Create([probe], keys).DryRunAsync(Requests.Valid());

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.EncryptionKeyUnavailable);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Key);
        result.Reason!.Exception.Message.Should().Be("The encryption key file '/k' does not exist.");
        await probe.DidNotReceiveWithAnyArgs().ProbeAsync(default!, default);
    }

    [Fact]
    public async Task A_key_of_the_wrong_size_is_EncryptionKeyUnavailable()
    {
        var keys = Substitute.For<IEncryptionKeyProvider>();
        keys.GetKeyAsync(Arg.Any<CancellationToken>()).Returns(new byte[16]);

        var result = await RunnerFactory.Create(keyProvider: keys).DryRunAsync(Requests.Valid());

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.EncryptionKeyUnavailable);
        result.Reason!.Exception.Message.Should().Contain("returned 16 bytes");
    }

    [Fact]
    public async Task The_key_is_cleared_once_the_credentials_are_sealed()
    {
        var key = RunnerFactory.Key();
        var keys = Substitute.For<IEncryptionKeyProvider>();
        keys.GetKeyAsync(Arg.Any<CancellationToken>()).Returns(key);

        await RunnerFactory.Create(keyProvider: keys).DryRunAsync(Requests.Valid());

        key.Should().OnlyContain(b => b == 0);
    }

    [Fact]
    public async Task A_probe_failure_becomes_the_platforms_JdbcConnectionException_with_the_kinds_message()
    {
        var probe = RunnerFactory.Probe(behaviour: (_, _) => Task.FromResult(
            ConnectionProbeResult.Failure(ConnectionFailureKind.DatabaseNotFound, "PostgresException: 3D000: database \"x\" does not exist", "3D000")));

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid());

        result.Reason!.Exception.Should().BeEquivalentTo(new ConnectionDryRunExceptionInfo
        {
            Name = "com.trifacta.connect.spring.exception.JdbcConnectionException",
            Message = "Database not found",
            Details = "com.trifacta.connect.spring.exception.JdbcConnectionException",
            Cause = "PostgresException: 3D000: database \"x\" does not exist",
        });
        result.Diagnostics.VendorCode.Should().Be("3D000");
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Test);
        result.Diagnostics.Timings.Select(t => t.Stage).Should().EndWith([DryRunStage.Test, DryRunStage.Delete]);
    }

    [Fact]
    public async Task The_password_is_redacted_from_a_probe_cause_in_clear_url_encoded_and_base64_forms()
    {
        const string password = "p@ss word/+";
        var cause = $"DriverException: echoed {password}, {Uri.EscapeDataString(password)}, {System.Net.WebUtility.UrlEncode(password)}, {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password))}";
        var probe = RunnerFactory.Probe(behaviour: (_, _) => Task.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, cause)));

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid(password: password));

        result.Reason!.Exception.Cause.Should().Be("DriverException: echoed ***, ***, ***, ***");
    }

    [Fact]
    public async Task A_probe_that_throws_is_reported_as_Unknown_and_the_connection_is_still_deleted()
    {
        ConnectionProbeContext? seen = null;
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            seen = context;
            throw new InvalidOperationException("bug in probe");
        });

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid());

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Unknown);
        result.Reason!.Exception.Cause.Should().Be("InvalidOperationException: bug in probe");
        seen!.Invoking(c => c.RevealPassword()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Caller_cancellation_during_the_test_throws_OperationCanceledException_after_deleting_the_connection()
    {
        using var cancel = new CancellationTokenSource();
        ConnectionProbeContext? seen = null;
        var probe = RunnerFactory.Probe(behaviour: async (context, token) =>
        {
            seen = context;
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return ConnectionProbeResult.Success;
        });

        var act = () => RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid(), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        seen!.Invoking(c => c.RevealPassword()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task A_canceled_token_throws_before_any_work()
    {
        var probe = RunnerFactory.Probe();

        var act = () => RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid(), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        await probe.DidNotReceiveWithAnyArgs().ProbeAsync(default!, default);
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_timeout_is_a_Timeout_failure_naming_the_sub_stage()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var probe = RunnerFactory.Probe(behaviour: async (context, token) =>
        {
            context.EnterStage(DryRunStage.Connect);
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return ConnectionProbeResult.Success;
        });
        var run = RunnerFactory.Create([probe], timeProvider: time, configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(5)).DryRunAsync(Requests.Valid());

        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run;

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Connect);
        result.Diagnostics.Attempts.Should().Be(1, "a timeout is not retried");
        result.Reason!.Exception.Message.Should().Be("Connection timed out");
        result.Reason.Exception.Cause.Should().Be("TimeoutException: Attempt 1 did not finish within its timeout of 5 s (stage: connect).");
    }

    [Fact]
    public async Task The_overall_deadline_bounds_the_retries_of_a_transient_failure()
    {
        var time = new FakeTimeProvider();
        var probe = RunnerFactory.Probe(behaviour: (_, _) => Task.FromResult(
            ConnectionProbeResult.Failure(ConnectionFailureKind.ServerUnavailable, "PostgresException: 57P03: the database system is starting up", "57P03")));
        var runner = RunnerFactory.Create([probe], timeProvider: time, configure: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(4);
            o.AttemptTimeout = TimeSpan.FromSeconds(4);
            o.MaxAttempts = 10;
            o.RetryDelay = TimeSpan.FromSeconds(3);
        });

        var run = runner.DryRunAsync(Requests.Valid());
        for (var step = 0; step < 200 && !run.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        run.IsCompleted.Should().BeTrue("the deadline of 4 s ends the retries");
        var result = await run;
        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
        result.Diagnostics.Attempts.Should().BeInRange(1, 3);
        result.Reason!.Exception.Cause.Should().StartWith("TimeoutException: The dry run did not finish within its deadline of 4 s");
    }

    [Fact]
    public async Task A_transient_failure_is_retried_up_to_MaxAttempts_and_reported_as_transient()
    {
        var seen = new List<int>();
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            seen.Add(context.Attempt);
            return Task.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.ServerUnavailable, "PostgresException: 53300: sorry, too many clients already", "53300"));
        });

        var result = await RunnerFactory.Create([probe], configure: o => o.MaxAttempts = 4).DryRunAsync(Requests.Valid());

        seen.Should().Equal(1, 2, 3, 4);
        result.Diagnostics.Attempts.Should().Be(4);
        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.ServerUnavailable);
        result.Diagnostics.IsTransient.Should().BeTrue();
        result.Reason!.Exception.Message.Should().Be("Server is not accepting connections");
    }

    [Fact]
    public async Task A_transient_failure_followed_by_success_is_a_success_after_two_attempts()
    {
        var probe = RunnerFactory.Probe(behaviour: (context, _) => Task.FromResult(context.Attempt == 1
            ? ConnectionProbeResult.Failure(ConnectionFailureKind.ServerUnavailable, "PostgresException: 57P03: starting up", "57P03")
            : ConnectionProbeResult.Success));

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid());

        result.IsSuccess.Should().BeTrue();
        result.Diagnostics.Attempts.Should().Be(2);
    }

    [Theory]
    [InlineData(ConnectionFailureKind.AuthenticationFailed)]
    [InlineData(ConnectionFailureKind.HostNotFound)]
    [InlineData(ConnectionFailureKind.ConnectionRefused)]
    [InlineData(ConnectionFailureKind.DatabaseNotFound)]
    [InlineData(ConnectionFailureKind.PermissionDenied)]
    [InlineData(ConnectionFailureKind.TlsFailure)]
    [InlineData(ConnectionFailureKind.ProtocolError)]
    [InlineData(ConnectionFailureKind.HostUnreachable)]
    [InlineData(ConnectionFailureKind.Unknown)]
    public async Task A_failure_that_is_not_transient_is_never_retried(ConnectionFailureKind kind)
    {
        var probe = RunnerFactory.Probe(behaviour: (_, _) => Task.FromResult(ConnectionProbeResult.Failure(kind, "X: y")));

        var result = await RunnerFactory.Create([probe], configure: o => o.MaxAttempts = 5).DryRunAsync(Requests.Valid());

        result.Diagnostics.Attempts.Should().Be(1);
        result.Diagnostics.IsTransient.Should().BeFalse();
        await probe.ReceivedWithAnyArgs(1).ProbeAsync(default!, default);
    }

    [Fact]
    public async Task Sub_stages_reported_by_the_probe_are_timed_and_the_last_one_is_the_failed_stage()
    {
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            context.EnterStage(DryRunStage.Resolve);
            context.EnterStage(DryRunStage.Connect);
            context.EnterStage(DryRunStage.Authenticate);
            return Task.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.AuthenticationFailed, "X: no"));
        });

        var result = await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid());

        result.Diagnostics.FailedStage.Should().Be(DryRunStage.Authenticate);
        result.Diagnostics.Timings.Select(t => t.Stage).Should().Equal(
            DryRunStage.Validate, DryRunStage.Policy, DryRunStage.Queue, DryRunStage.Key, DryRunStage.Create,
            DryRunStage.Resolve, DryRunStage.Connect, DryRunStage.Authenticate, DryRunStage.Test, DryRunStage.Delete);
    }

    [Fact]
    public async Task A_probe_may_report_only_the_sub_stages_of_the_test()
    {
        Exception? thrown = null;
        var probe = RunnerFactory.Probe(behaviour: (context, _) =>
        {
            thrown = Record.Exception(() => context.EnterStage(DryRunStage.Delete));
            return Task.FromResult(ConnectionProbeResult.Success);
        });

        await RunnerFactory.Create([probe]).DryRunAsync(Requests.Valid());

        thrown.Should().BeOfType<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task A_driver_error_raised_by_the_deadline_is_still_reported_as_Timeout()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var probe = RunnerFactory.Probe(behaviour: async (_, token) =>
        {
            started.SetResult();
            var canceled = new TaskCompletionSource();
            await using var registration = token.Register(() => canceled.SetResult());
            await canceled.Task;
            return ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, "DriverException: the operation was aborted");
        });
        var run = RunnerFactory.Create([probe], timeProvider: time, timeout: TimeSpan.FromSeconds(5)).DryRunAsync(Requests.Valid());

        await started.Task;
        time.Advance(TimeSpan.FromSeconds(6));


        (await run).Diagnostics.Kind.Should().Be(ConnectionFailureKind.Timeout);
    }

    [Fact]
    public async Task A_later_probe_for_the_same_vendor_replaces_an_earlier_one()
    {
        var first = RunnerFactory.Probe("postgres");
        var second = RunnerFactory.Probe("POSTGRES", (_, _) => Task.FromResult(ConnectionProbeResult.Failure(ConnectionFailureKind.Unknown, "X: from the second")));

        var result = await RunnerFactory.Create([first, second]).DryRunAsync(Requests.Valid());

        result.Reason!.Exception.Cause.Should().Be("X: from the second");
        await first.DidNotReceiveWithAnyArgs().ProbeAsync(default!, default);
    }

    [Fact]
    public async Task A_null_request_is_misuse_and_throws()
    {
        var act = () => RunnerFactory.Create().DryRunAsync(null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }
}
