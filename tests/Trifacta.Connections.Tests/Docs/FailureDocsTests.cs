using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Tests.Docs;

/// <summary>Keeps docs/failures.md true to the code: every kind the library produces has a section whose example has the kind's name and message.</summary>
public sealed partial class FailureDocsTests
{
    [Fact]
    public void Every_failure_kind_is_documented_with_its_real_name_and_message()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "failures.md"));
        var sections = Section().Matches(text).ToDictionary(m => m.Groups["kind"].Value, m => m.Groups["json"].Value);

        sections.Keys.Should().BeEquivalentTo(Enum.GetValues<ConnectionFailureKind>().Select(k => k.ToString()));
        foreach (var (kindName, json) in sections)
        {
            var kind = Enum.Parse<ConnectionFailureKind>(kindName);
            var result = JsonSerializer.Deserialize<ConnectionDryRunResult>(json)!;
            var exception = result.Reason!.Exception;
            var libraryName = FailureCatalog.LibraryExceptionName(kind);
            exception.Name.Should().Be(libraryName ?? FailureCatalog.JdbcConnectionException, kindName);
            exception.Details.Should().Be(exception.Name, kindName);
            if (libraryName is null)
            {
                exception.Message.Should().Be(FailureCatalog.MessageFor(kind), kindName);
            }
        }
    }

    [GeneratedRegex("^## (?<kind>\\w+)\\n.*?```json\\n(?<json>.*?)```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Section();

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
