using Trifacta.Connections.Cli;

namespace Trifacta.Connections.Tests.Cli;

public sealed class CliArgumentsTests
{
    [Fact]
    public void No_arguments_reads_standard_input_with_defaults()
    {
        var (arguments, error) = CliArguments.Parse([]);

        error.Should().BeNull();
        arguments.Should().Be(new CliArguments());
    }

    [Fact]
    public void Every_option_is_read()
    {
        var (arguments, _) = CliArguments.Parse(["--key-file", "/k", "-t", "2.5", "-d", "-v", "body.json"]);

        arguments.Should().Be(new CliArguments { KeyFile = "/k", Timeout = TimeSpan.FromSeconds(2.5), Diagnostics = true, Verbose = true, File = "body.json" });
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'.")]
    [InlineData(new[] { "--key-file" }, "--key-file needs a path.")]
    [InlineData(new[] { "-t", "0" }, "-t needs a number of seconds greater than 0 and at most 600.")]
    [InlineData(new[] { "-t", "NaN" }, "-t needs a number of seconds greater than 0 and at most 600.")]
    [InlineData(new[] { "a.json", "b.json" }, "give at most one request file.")]
    public void Bad_arguments_give_a_message_not_an_exception(string[] args, string message)
    {
        var (arguments, error) = CliArguments.Parse(args);

        arguments.Should().BeNull();
        error.Should().Be(message);
    }
}
