using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trifacta.Connections;
using Trifacta.Connections.Cli;
using Trifacta.Connections.Json;

var (arguments, error) = CliArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"trifacta-dryrun: {error}\n\n{CliArguments.Usage}");
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(CliArguments.Usage);
    return 0;
}

ConnectionDryRunRequest? request;
try
{
    await using var input = arguments.File is null or "-" ? Console.OpenStandardInput() : File.OpenRead(arguments.File);
    request = await JsonSerializer.DeserializeAsync(input, ConnectionDryRunJsonContext.Default.ConnectionDryRunRequest);
}
catch (JsonException ex)
{
    await Console.Error.WriteLineAsync($"trifacta-dryrun: the request body is not a valid v4 connection body: {ex.Message}");
    return 2;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"trifacta-dryrun: cannot read '{arguments.File}': {ex.Message}");
    return 2;
}

if (request is null)
{
    await Console.Error.WriteLineAsync("trifacta-dryrun: the request body is JSON null; expected a v4 connection object.");
    return 2;
}

var services = new ServiceCollection();
services.AddLogging(logging =>
{
    logging.SetMinimumLevel(arguments.Verbose ? LogLevel.Debug : LogLevel.None);
    if (arguments.Verbose)
    {
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
});
var dryRun = services.AddConnectionDryRun(options =>
{
    var keyFile = arguments.KeyFile ?? Environment.GetEnvironmentVariable("TRIFACTA_KEY_FILE");
    if (!string.IsNullOrWhiteSpace(keyFile))
    {
        options.EncryptionKeyFile = keyFile;
    }

    if (arguments.Timeout is { } timeout)
    {
        options.Timeout = timeout;
    }
});
dryRun.AddMySql().AddSqlServer();

await using var provider = services.BuildServiceProvider();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

ConnectionDryRunResult result;
try
{
    result = await provider.GetRequiredService<IConnectionDryRunner>().DryRunAsync(request, cancel.Token);
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"trifacta-dryrun: invalid options: {ex.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("trifacta-dryrun: canceled.");
    return 130;
}

var json = arguments.Diagnostics
    ? JsonSerializer.Serialize(new CliOutput(result.Result, result.Reason, result.Diagnostics), CliJsonContext.Terminal.CliOutput)
    : JsonSerializer.Serialize(result, CliJsonContext.Terminal.ConnectionDryRunResult);
Console.WriteLine(json);
return result.IsSuccess ? 0 : 1;
