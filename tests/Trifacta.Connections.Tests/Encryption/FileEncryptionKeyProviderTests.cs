using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NSubstitute;
using Trifacta.Connections.Encryption;
using Trifacta.Connections.Tests.Infrastructure;

namespace Trifacta.Connections.Tests.Encryption;

public sealed class FileEncryptionKeyProviderTests
{
    private static FileEncryptionKeyProvider Provider(string path, bool strict = false, FakeLogger<FileEncryptionKeyProvider>? logger = null)
    {
        var options = Substitute.For<IOptionsMonitor<ConnectionDryRunOptions>>();
        options.CurrentValue.Returns(new ConnectionDryRunOptions { EncryptionKeyFile = path, RequireStrictKeyFilePermissions = strict });
        return new FileEncryptionKeyProvider(options, logger ?? new FakeLogger<FileEncryptionKeyProvider>());
    }

    [Fact]
    public async Task A_key_file_others_may_read_is_used_with_one_warning_naming_the_path()
    {
        using var file = new TestKeyFile("0123456789abcdef-key");
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var logger = new FakeLogger<FileEncryptionKeyProvider>();
        var provider = Provider(file.Path, logger: logger);

        await provider.GetKeyAsync(CancellationToken.None);
        await provider.GetKeyAsync(CancellationToken.None);

        var warning = logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Id.Id.Should().Be(1006);
        warning.Message.Should().Contain(file.Path).And.Contain("0644").And.NotContain("0123456789abcdef");
    }

    [Fact]
    public async Task In_strict_mode_a_key_file_others_may_read_is_refused_and_an_owner_only_file_is_used()
    {
        using var file = new TestKeyFile("0123456789abcdef-key");
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var act = async () => await Provider(file.Path, strict: true).GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>()
            .WithMessage($"The encryption key file '{file.Path}' may be read by its group or others (mode 0640); restrict it to its owner (chmod 600).");
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await Provider(file.Path, strict: true).GetKeyAsync(CancellationToken.None)).Should().HaveCount(32);
    }

    [Fact]
    public async Task A_key_file_of_16_characters_gives_a_32_byte_key()
    {
        using var file = new TestKeyFile("0123456789abcdef");

        var key = await Provider(file.Path).GetKeyAsync(CancellationToken.None);

        key.Should().HaveCount(32);
    }

    [Fact]
    public async Task The_key_is_HKDF_SHA256_of_the_file_text_and_a_trailing_newline_is_ignored()
    {
        using var bare = new TestKeyFile("0123456789abcdef-key");
        using var withNewline = new TestKeyFile("0123456789abcdef-key\n");
        using var withCrLf = new TestKeyFile("0123456789abcdef-key\r\n");
        using var other = new TestKeyFile("0123456789abcdef-kez");

        var key = await Provider(bare.Path).GetKeyAsync(CancellationToken.None);

        (await Provider(withNewline.Path).GetKeyAsync(CancellationToken.None)).Should().Equal(key);
        (await Provider(withCrLf.Path).GetKeyAsync(CancellationToken.None)).Should().Equal(key);
        (await Provider(other.Path).GetKeyAsync(CancellationToken.None)).Should().NotEqual(key);
        key.Should().Equal(System.Security.Cryptography.HKDF.DeriveKey(
            System.Security.Cryptography.HashAlgorithmName.SHA256, "0123456789abcdef-key"u8.ToArray(), 32,
            "Trifacta.Connections key v1"u8.ToArray(), "credential sealing (AES-256-GCM)"u8.ToArray()));
    }

    [Fact]
    public async Task Characters_are_counted_not_bytes()
    {
        using var file = new TestKeyFile("ключ-шифрования"); // 15 characters, 28 bytes

        var act = async () => await Provider(file.Path).GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>().WithMessage("*holds 15 characters; a key needs at least 16.");
    }

    [Fact]
    public async Task A_missing_key_file_is_unavailable_naming_the_path()
    {
        var act = async () => await Provider("/nonexistent/dir/customerKey").GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>()
            .WithMessage("The encryption key file '/nonexistent/dir/customerKey' does not exist.");
    }

    [Fact]
    public async Task A_too_short_key_is_unavailable_and_the_message_never_shows_the_content()
    {
        using var file = new TestKeyFile("short-secret\n");

        var act = async () => await Provider(file.Path).GetKeyAsync(CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<EncryptionKeyUnavailableException>();
        thrown.Which.Message.Should().Be($"The encryption key file '{file.Path}' holds 12 characters; a key needs at least 16.");
        thrown.Which.Message.Should().NotContain("short-secret");
    }

    [Fact]
    public async Task A_key_larger_than_4_KiB_is_unavailable()
    {
        using var file = new TestKeyFile(new string('k', 4097));
        using var exactly = new TestKeyFile(new string('k', 4096) + "\n");

        var act = async () => await Provider(file.Path).GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>().WithMessage("*is larger than 4 KiB.");
        (await Provider(exactly.Path).GetKeyAsync(CancellationToken.None)).Should().HaveCount(32);
    }

    [Fact]
    public async Task An_unreadable_key_file_is_unavailable_naming_the_path()
    {
        // A directory cannot be read as a file, even by root (which ignores permission bits).
        using var file = new TestKeyFile();
        var directory = Path.Combine(file.Directory, "a-directory");
        Directory.CreateDirectory(directory);

        var act = async () => await Provider(directory).GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>().WithMessage($"The encryption key file '{directory}' cannot be read*");
    }

    [Fact]
    public async Task A_key_file_that_is_not_UTF8_text_is_unavailable()
    {
        using var file = new TestKeyFile();
        await File.WriteAllBytesAsync(file.Path, [0xff, 0xfe, .. new byte[20]]);

        var act = async () => await Provider(file.Path).GetKeyAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EncryptionKeyUnavailableException>().WithMessage("*is not UTF-8 text.");
    }

    [Fact]
    public async Task A_rotated_key_file_takes_effect_on_the_next_call()
    {
        using var file = new TestKeyFile("first-key-0123456789");
        var provider = Provider(file.Path);
        var first = await provider.GetKeyAsync(CancellationToken.None);

        await File.WriteAllTextAsync(file.Path, "second-key-0123456789");

        (await provider.GetKeyAsync(CancellationToken.None)).Should().NotEqual(first);
    }
}
