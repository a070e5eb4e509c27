using System.Globalization;

namespace Trifacta.Connections.Cli;

/// <summary>The parsed command line of <c>trifacta-dryrun</c>.</summary>
internal sealed record CliArguments
{
    public const string Usage = """
        Usage: trifacta-dryrun [options] [FILE]

        Runs the Trifacta / Designer Cloud v4 connection dry run (POST /v4/connections/dryRun) on a request body
        and prints the v4 result JSON. Vendors: postgres, redshift, mysql, sqlserver, sqldatawarehouse.

        Arguments:
          FILE                  the v4 request body (JSON); '-' or nothing reads standard input

        Options:
          -k, --key-file PATH   the encryption key file (default: $TRIFACTA_KEY_FILE, else /opt/trifacta/conf/.key/customerKey)
          -t, --timeout SECONDS the overall deadline of the dry run (default 30)
          -d, --diagnostics     add the typed diagnostics (kind, stage, timings) under "diagnostics"
          -v, --verbose         write the library's log lines to standard error
          -h, --help            show this help

        Exit codes: 0 SUCCESS, 1 FAILURE, 2 usage error or unreadable input.
        """;

    public string? File { get; init; }

    public string? KeyFile { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Diagnostics { get; init; }

    public bool Verbose { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses <paramref name="args"/>; returns an error message instead of throwing.</summary>
    public static (CliArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var result = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return (result with { Help = true }, null);
                case "-d" or "--diagnostics":
                    result = result with { Diagnostics = true };
                    break;
                case "-v" or "--verbose":
                    result = result with { Verbose = true };
                    break;
                case "-k" or "--key-file":
                    if (++i >= args.Count || string.IsNullOrWhiteSpace(args[i]))
                    {
                        return (null, $"{arg} needs a path.");
                    }

                    result = result with { KeyFile = args[i] };
                    break;
                case "-t" or "--timeout":
                    if (++i >= args.Count
                        || !double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !double.IsFinite(seconds) || seconds <= 0 || seconds > 600)
                    {
                        return (null, $"{arg} needs a number of seconds greater than 0 and at most 600.");
                    }

                    result = result with { Timeout = TimeSpan.FromSeconds(seconds) };
                    break;
                default:
                    if (arg.StartsWith('-') && arg != "-")
                    {
                        return (null, $"unknown option '{arg}'.");
                    }

                    if (result.File is not null)
                    {
                        return (null, "give at most one request file.");
                    }

                    result = result with { File = arg };
                    break;
            }
        }

        return (result, null);
    }
}
