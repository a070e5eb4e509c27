using System.Security.Cryptography;
using System.Text;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trifacta.Connections.Diagnostics;

namespace Trifacta.Connections.Encryption;

/// <summary>
/// Reads the customer key file (SPEC §6): any text of at least 16 characters, a trailing newline ignored, at most
/// 4 KiB, turned into an AES-256 key with HKDF-SHA256. Read on every call, so a rotated file takes effect at once.
/// Errors name the path, never the content.
/// </summary>
internal sealed class FileEncryptionKeyProvider(IOptionsMonitor<ConnectionDryRunOptions> options, ILogger<FileEncryptionKeyProvider> logger) : IEncryptionKeyProvider
{
    private const UnixFileMode OthersMayRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // Warned once per file and mode, not on every dry run.
    private readonly ConcurrentDictionary<(string Path, UnixFileMode Mode), bool> _warned = new();

    public const int MinimumCharacters = 16;
    public const int MaximumBytes = 4096;

    private static ReadOnlySpan<byte> Salt => "Trifacta.Connections key v1"u8;
    private static ReadOnlySpan<byte> Info => "credential sealing (AES-256-GCM)"u8;

    public ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = options.CurrentValue;
        return ValueTask.FromResult(ReadKey(current.EncryptionKeyFile, current.RequireStrictKeyFilePermissions));
    }

    internal byte[] ReadKey(string path, bool strictPermissions)
    {
        var material = ReadFile(path, mode => CheckPermissions(path, mode, strictPermissions));
        try
        {
            var length = material.Length;
            if (length > 0 && material[length - 1] == (byte)'\n')
            {
                length--;
                if (length > 0 && material[length - 1] == (byte)'\r')
                {
                    length--;
                }
            }

            var text = material.AsSpan(0, length);
            if (text.Length > MaximumBytes)
            {
                throw Unavailable(path, $"is larger than {MaximumBytes / 1024} KiB.");
            }

            var characters = CountCharacters(text) ?? throw Unavailable(path, "is not UTF-8 text.");
            if (characters < MinimumCharacters)
            {
                throw Unavailable(path, $"holds {characters} characters; a key needs at least {MinimumCharacters}.");
            }

            var key = new byte[SealedConnection.KeySize];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, text, key, Salt, Info);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    // The permissions are read from the open handle, so they are those of the file that is read.
    private void CheckPermissions(string path, UnixFileMode mode, bool strict)
    {
        if ((mode & OthersMayRead) == 0)
        {
            return;
        }

        if (strict)
        {
            throw Unavailable(path, $"may be read by its group or others (mode {Octal(mode)}); restrict it to its owner (chmod 600).");
        }

        if (_warned.TryAdd((path, mode), true))
        {
            Log.KeyFileReadableByOthers(logger, path, Octal(mode));
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static byte[] ReadFile(string path, Action<UnixFileMode> checkPermissions)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!OperatingSystem.IsWindows())
            {
                checkPermissions(File.GetUnixFileMode(handle));
            }

            var length = RandomAccess.GetLength(handle);
            if (length > MaximumBytes + 2)
            {
                throw Unavailable(path, $"is larger than {MaximumBytes / 1024} KiB.");
            }

            var buffer = new byte[length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read != buffer.Length)
            {
                CryptographicOperations.ZeroMemory(buffer);
                throw Unavailable(path, "changed while it was read.");
            }

            return buffer;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Unavailable(path, "does not exist.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Unavailable(path, "cannot be read: access is denied (or it is not a regular file).", ex);
        }
        catch (IOException ex)
        {
            throw Unavailable(path, $"cannot be read ({ex.GetType().Name}).", ex);
        }
        catch (ArgumentException ex)
        {
            throw Unavailable(path, "is not a valid path.", ex);
        }
    }

    private static int? CountCharacters(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            utf8 = utf8[consumed..];
            count++;
        }

        return count;
    }

    private static EncryptionKeyUnavailableException Unavailable(string path, string problem, Exception? inner = null) =>
        new($"The encryption key file '{path}' {problem}", inner);
}
