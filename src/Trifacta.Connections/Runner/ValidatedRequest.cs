namespace Trifacta.Connections.Runner;

/// <summary>The outcome of validation: a target when valid, else the broken rules; the password whenever one was given, for redaction.</summary>
internal sealed record ValidatedRequest(ConnectionTarget? Target, string? Password, string CredentialType, IReadOnlyList<InvalidField> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
