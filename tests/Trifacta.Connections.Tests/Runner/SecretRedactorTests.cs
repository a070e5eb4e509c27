using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Tests.Runner;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("password hunter2 was wrong", "hunter2", "password *** was wrong")]
    [InlineData("user=xhunter2x", "hunter2", "user=x***x")]
    [InlineData("p@ss word: p%40ss%20word, p%40ss+word, cEBzcyB3b3Jk", "p@ss word", "***: ***, ***, ***")]
    [InlineData("nothing to hide", "hunter2", "nothing to hide")]
    [InlineData("anything", "", "anything")]
    public void The_password_is_masked_in_every_form(string text, string secret, string expected)
    {
        SecretRedactor.Redact(text, secret).Should().Be(expected);
    }

    [Theory]
    [InlineData("PostgresException: 28P01: password authentication failed for user \"p\"", "p", "PostgresException: 28P01: password authentication failed for user \"***\"")]
    [InlineData("the pin ab1 is ab1", "ab1", "the pin *** is ***")]
    [InlineData("tab1e", "ab1", "tab1e")]
    public void A_short_password_is_masked_only_as_a_whole_token(string text, string secret, string expected)
    {
        SecretRedactor.Redact(text, secret).Should().Be(expected);
    }
}
