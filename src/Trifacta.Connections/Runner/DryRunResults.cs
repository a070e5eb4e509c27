namespace Trifacta.Connections.Runner;

/// <summary>Results built outside a run: a body that could not be read as a request.</summary>
internal static class DryRunResults
{
    public static ConnectionDryRunResult InvalidBody(string path, string problem)
    {
        var name = typeof(InvalidConnectionRequestException).FullName!;
        var message = $"The connection request is invalid: {problem}";
        return new ConnectionDryRunResult
        {
            Result = ConnectionDryRunOutcome.Failure,
            Reason = new ConnectionDryRunReason
            {
                Exception = new ConnectionDryRunExceptionInfo
                {
                    Name = name,
                    Message = message,
                    Details = name,
                    Cause = nameof(InvalidConnectionRequestException) + ": " + message,
                },
            },
            Diagnostics = new ConnectionDryRunDiagnostics
            {
                Kind = ConnectionFailureKind.InvalidRequest,
                FailedStage = DryRunStage.Validate,
                InvalidFields = [new InvalidField(path, problem)],
            },
        };
    }
}
