using System.Text;
using Trifacta.Connections.Encryption;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Tests.Encryption;

public sealed class SealedConnectionTests
{
    private static readonly ConnectionTarget Target = new("postgres", "h", 5432, "db", "u", false, []);

    [Fact]
    public void Sealing_hides_the_password_and_unsealing_returns_it()
    {
        const string password = "correct horse battery staple";
        using var connection = SealedConnection.Create(Target, password, new byte[32]);

        connection.Ciphertext.ToArray().Should().NotEqual(Encoding.UTF8.GetBytes(password));
        connection.RevealPassword().Should().Be(password);
    }

    [Fact]
    public void Each_connection_has_its_own_id()
    {
        using var a = SealedConnection.Create(Target, "p", new byte[32]);
        using var b = SealedConnection.Create(Target, "p", new byte[32]);

        a.Id.Should().NotBe(b.Id);
        a.Ciphertext.ToArray().Should().NotEqual(b.Ciphertext.ToArray(), "each seal uses a fresh nonce");
    }

    [Fact]
    public void Delete_wipes_the_sealed_bytes_and_the_password_can_no_longer_be_revealed()
    {
        var connection = SealedConnection.Create(Target, "a-password", new byte[32]);

        connection.Dispose();

        connection.IsDeleted.Should().BeTrue();
        connection.Ciphertext.ToArray().Should().OnlyContain(b => b == 0);
        connection.Invoking(c => c.RevealPassword()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void A_key_that_is_not_256_bits_is_refused()
    {
        var act = () => SealedConnection.Create(Target, "p", new byte[16]);

        act.Should().Throw<ArgumentException>();
    }
}
