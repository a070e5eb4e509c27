namespace Trifacta.Connections.Probes;

/// <summary>The reasons the built-in probes give for refusing a <c>connectStrOpts</c> key.</summary>
internal static class OptionRefusals
{
    public const string WhereOrAsWhom = "is not accepted: it would change where or as whom the dry run connects; use the request's host, port, database and credentials.";
    public const string LocalFiles = "is not accepted: it reads or writes local files or loads code on the host.";
    public const string UseSsl = "is not accepted: use the request's ssl field.";

    public static string NotAccepted(string vendor, IReadOnlyCollection<string> accepted) =>
        $"is not accepted for vendor '{vendor}' (accepted: {string.Join(", ", accepted)}).";
}
