using System.Text.Json;
using System.Text.Json.Nodes;
using Trifacta.Connections.Json;

namespace Trifacta.Connections.Tests.Json;

public sealed class ResultJsonTests
{
    public const string DocumentedRefusedBody = """
        { "result": "FAILURE",
          "reason": { "exception": {
              "name": "com.trifacta.connect.spring.exception.JdbcConnectionException",
              "message": "Could not connect to host",
              "details": "com.trifacta.connect.spring.exception.JdbcConnectionException",
              "cause": "ConnectException: Connection refused (Connection refused)" } } }
        """;

    [Fact]
    public void A_success_is_written_exactly_as_the_platform_writes_it()
    {
        var result = new ConnectionDryRunResult { Result = ConnectionDryRunOutcome.Success };

        JsonSerializer.Serialize(result).Should().Be("""{"result":"SUCCESS","reason":null}""");
        JsonSerializer.Serialize(result, ConnectionDryRunJsonContext.Default.ConnectionDryRunResult).Should().Be("""{"result":"SUCCESS","reason":null}""");
    }

    [Fact]
    public void A_failure_is_written_with_name_message_details_cause_and_diagnostics_left_out()
    {
        var result = new ConnectionDryRunResult
        {
            Result = ConnectionDryRunOutcome.Failure,
            Reason = new ConnectionDryRunReason
            {
                Exception = new ConnectionDryRunExceptionInfo
                {
                    Name = "com.trifacta.connect.spring.exception.JdbcConnectionException",
                    Message = "Could not connect to host",
                    Details = "com.trifacta.connect.spring.exception.JdbcConnectionException",
                    Cause = "ConnectException: Connection refused (Connection refused)",
                },
            },
            Diagnostics = new ConnectionDryRunDiagnostics { Kind = ConnectionFailureKind.ConnectionRefused, Attempts = 1 },
        };

        var written = JsonNode.Parse(JsonSerializer.Serialize(result))!;

        JsonNode.DeepEquals(written, JsonNode.Parse(DocumentedRefusedBody)).Should().BeTrue(written.ToJsonString());
        JsonSerializer.Serialize(result, ConnectionDryRunJsonContext.Default.ConnectionDryRunResult).Should().Be(JsonSerializer.Serialize(result));
    }

    [Fact]
    public void The_documented_failure_body_reads_back_into_the_result_type()
    {
        var result = JsonSerializer.Deserialize<ConnectionDryRunResult>(DocumentedRefusedBody)!;

        result.IsSuccess.Should().BeFalse();
        result.Reason!.Exception.Message.Should().Be("Could not connect to host");
        result.Reason.Exception.Cause.Should().Be("ConnectException: Connection refused (Connection refused)");
    }
}
