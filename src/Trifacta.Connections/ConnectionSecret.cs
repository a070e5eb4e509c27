using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Trifacta.Connections.Json;

namespace Trifacta.Connections;

/// <summary>
/// A secret (a password) that never shows itself by accident: <see cref="ToString"/>, the debugger and record
/// printing show <c>***</c>. JSON reads and writes it as a plain string, as the platform's body carries it.
/// </summary>
[JsonConverter(typeof(ConnectionSecretJsonConverter))]
[DebuggerDisplay("***")]
public sealed class ConnectionSecret : IEquatable<ConnectionSecret>
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The secret text.</param>
    public ConnectionSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The number of characters, for validation without revealing the text.</summary>
    public int Length => _value.Length;

    /// <summary>Wraps a string; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="value">The secret text.</param>
    public static implicit operator ConnectionSecret?(string? value) => value is null ? null : new ConnectionSecret(value);

    /// <summary>Wraps a string (the named alternative to the implicit conversion).</summary>
    /// <param name="value">The secret text.</param>
    /// <returns>The secret, or <see langword="null"/>.</returns>
    public static ConnectionSecret? FromString(string? value) => value;

    /// <summary>The secret text. Call it only to hand the secret to what needs it.</summary>
    /// <returns>The text.</returns>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    /// <returns><c>***</c>.</returns>
    public override string ToString() => "***";

    /// <summary>Compares in constant time.</summary>
    /// <param name="other">The other secret.</param>
    /// <returns>Whether both hold the same text.</returns>
    public bool Equals(ConnectionSecret? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConnectionSecret);

    /// <inheritdoc />
    public override int GetHashCode() => _value.Length;
}
