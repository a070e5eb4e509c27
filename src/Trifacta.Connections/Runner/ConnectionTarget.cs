namespace Trifacta.Connections.Runner;

/// <summary>The validated coordinates of the connection under test (everything but the password).</summary>
internal sealed record ConnectionTarget(
    string Vendor,
    string Host,
    int Port,
    string? Database,
    string Username,
    bool Ssl,
    IReadOnlyList<KeyValuePair<string, string>> Options);
