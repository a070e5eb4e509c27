using System.Data.Common;

namespace Trifacta.Connections.Probes;

/// <summary>The built-in probes' test query, run on an open ADO.NET connection: <c>SELECT 1</c>.</summary>
internal static class TestQuery
{
    public const string Text = "SELECT 1";

    /// <summary>Reports the query stage and runs the test query.</summary>
    public static async Task RunAsync(DbConnection connection, ConnectionProbeContext context, CancellationToken cancellationToken)
    {
        context.EnterStage(DryRunStage.Query);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Text;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
