namespace Trifacta.Connections;

/// <summary>Provides the AES-256 key that seals credentials while a connection exists in memory.</summary>
/// <remarks>The default implementation reads <see cref="ConnectionDryRunOptions.EncryptionKeyFile"/>.</remarks>
public interface IEncryptionKeyProvider
{
    /// <summary>Returns a new 32-byte key. The caller owns the array and clears it when done.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="EncryptionKeyUnavailableException">The key cannot be had; the message names where it was looked for, never its content.</exception>
    ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken);
}
