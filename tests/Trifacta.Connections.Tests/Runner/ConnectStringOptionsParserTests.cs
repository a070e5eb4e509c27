using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Tests.Runner;

public sealed class ConnectStringOptionsParserTests
{
    [Theory]
    [InlineData("?a=1&b=two%20words")]
    [InlineData(";a=1;b=two words")]
    [InlineData("a=1;b=two words")]
    [InlineData("a=1&b=two+words")]
    public void Both_platform_forms_parse_into_ordered_pairs(string text)
    {
        var errors = new List<InvalidField>();

        var pairs = ConnectStringOptionsParser.Parse(text, errors);

        errors.Should().BeEmpty();
        pairs.Should().Equal(new KeyValuePair<string, string>("a", "1"), new KeyValuePair<string, string>("b", "two words"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?")]
    [InlineData(";;")]
    public void Nothing_to_parse_gives_no_pairs(string? text)
    {
        var errors = new List<InvalidField>();

        ConnectStringOptionsParser.Parse(text, errors).Should().BeEmpty();
        errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData(";novalue", "'novalue' is not a key=value pair.")]
    [InlineData(";=1", "'=1' is not a key=value pair.")]
    [InlineData(";a=1;A=2", "the key 'A' is given more than once.")]
    public void Broken_pairs_are_reported_on_the_field(string text, string problem)
    {
        var errors = new List<InvalidField>();

        ConnectStringOptionsParser.Parse(text, errors);

        errors.Should().ContainSingle().Which.Should().Be(new InvalidField("params.connectStrOpts", problem));
    }
}
