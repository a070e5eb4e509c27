using System.Security.Cryptography;
using System.Text;
using Trifacta.Connections.Runner;

namespace Trifacta.Connections.Encryption;

/// <summary>
/// The in-memory connection of one dry run: its coordinates, and its password sealed with AES-256-GCM under the
/// customer key (the connection id is the associated data). Dispose deletes it: every buffer is zeroed.
/// </summary>
internal sealed class SealedConnection : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>AES-256: 32 bytes.</summary>
    public const int KeySize = 32;

    private readonly AesGcm _aes;
    private readonly byte[] _nonce;
    private readonly byte[] _ciphertext;
    private readonly byte[] _tag;
    private readonly byte[] _associatedData;
    private bool _deleted;

    private SealedConnection(Guid id, ConnectionTarget target, AesGcm aes, byte[] nonce, byte[] ciphertext, byte[] tag, byte[] associatedData)
    {
        Id = id;
        Target = target;
        _aes = aes;
        _nonce = nonce;
        _ciphertext = ciphertext;
        _tag = tag;
        _associatedData = associatedData;
    }

    public Guid Id { get; }

    public ConnectionTarget Target { get; }

    /// <summary>Seals <paramref name="password"/> with <paramref name="key"/> (32 bytes). The caller still owns and clears the key.</summary>
    public static SealedConnection Create(ConnectionTarget target, string password, ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The sealing key must be {KeySize} bytes (AES-256), not {key.Length}.", nameof(key));
        }

        var id = Guid.NewGuid();
        var aes = new AesGcm(key, TagSize);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var associatedData = id.ToByteArray();
        var plaintext = Encoding.UTF8.GetBytes(password);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        try
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
        catch
        {
            aes.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return new SealedConnection(id, target, aes, nonce, ciphertext, tag, associatedData);
    }

    public bool IsDeleted => _deleted;

    /// <summary>Unseals the password. Fails if the sealed bytes were altered or the connection deleted.</summary>
    public string RevealPassword()
    {
        ObjectDisposedException.ThrowIf(_deleted, this);
        var plaintext = new byte[_ciphertext.Length];
        try
        {
            _aes.Decrypt(_nonce, _ciphertext, _tag, plaintext, _associatedData);
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Test seam: the sealed bytes, to show they are not the password.</summary>
    internal ReadOnlySpan<byte> Ciphertext => _ciphertext;

    public void Dispose()
    {
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        CryptographicOperations.ZeroMemory(_ciphertext);
        CryptographicOperations.ZeroMemory(_tag);
        CryptographicOperations.ZeroMemory(_nonce);
        _aes.Dispose();
    }
}
