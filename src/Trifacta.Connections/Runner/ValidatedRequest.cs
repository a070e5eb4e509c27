namespace Trifacta.Connections.Runner;

/// <summary>The outcome of validation: the target and password when valid, else the broken rules.</summary>
internal sealed record ValidatedRequest(ConnectionTarget? Target, string? Password, string CredentialType, IReadOnlyList<InvalidField> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
