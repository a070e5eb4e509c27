using System.Collections.Frozen;
using System.Globalization;

namespace Trifacta.Connections.SqlServer;

/// <summary>
/// The <c>connectStrOpts</c> keys the SQL Server probes accept (JDBC driver names, case-insensitive), each mapped onto
/// a SqlClient setting, and the keys refused with the reason. Documented in docs/vendors.md.
/// </summary>
internal sealed record SqlServerOptions(string? ApplicationName, int? LoginTimeoutSeconds, string? HostNameInCertificate)
{
    public static readonly SqlServerOptions None = new(null, null, null);

    public static readonly IReadOnlyCollection<string> Accepted = ["applicationName", "hostNameInCertificate", "loginTimeout"];

    private const string WhereOrAsWhom = "is not accepted: it would change where or as whom the dry run connects; use the request's host, port, database and credentials.";
    private const string LocalFiles = "is not accepted: it reads or writes local files or loads code on the host.";

    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["serverName"] = WhereOrAsWhom,
        ["databaseName"] = WhereOrAsWhom,
        ["database"] = WhereOrAsWhom,
        ["server"] = WhereOrAsWhom,
        ["portNumber"] = WhereOrAsWhom,
        ["port"] = WhereOrAsWhom,
        ["instanceName"] = WhereOrAsWhom,
        ["user"] = WhereOrAsWhom,
        ["userName"] = WhereOrAsWhom,
        ["password"] = WhereOrAsWhom,
        ["integratedSecurity"] = WhereOrAsWhom,
        ["authentication"] = WhereOrAsWhom,
        ["authenticationScheme"] = WhereOrAsWhom,
        ["failoverPartner"] = WhereOrAsWhom,
        ["multiSubnetFailover"] = WhereOrAsWhom,
        ["AttachDBFilename"] = LocalFiles,
        ["attachDbFileName"] = LocalFiles,
        ["serverCertificate"] = LocalFiles,
        ["trustStore"] = LocalFiles,
        ["trustStorePassword"] = LocalFiles,
        ["keyStoreLocation"] = LocalFiles,
        ["keyStoreSecret"] = LocalFiles,
        ["clientCertificate"] = LocalFiles,
        ["clientKey"] = LocalFiles,
        ["socketFactoryClass"] = LocalFiles,
        ["trustManagerClass"] = LocalFiles,
        ["encrypt"] = "is not accepted: use the request's ssl field.",
        ["trustServerCertificate"] = "is not accepted: use the request's ssl field (a dry run with ssl always verifies the certificate).",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? Check(string vendor, string key, string value)
    {
        if (Refused.TryGetValue(key, out var reason))
        {
            return reason;
        }

        return key.ToLowerInvariant() switch
        {
            "applicationname" => value.Length is > 0 and <= 128 && !HasControl(value) ? null : "must be 1 to 128 characters without control characters.",
            "logintimeout" => Seconds(value) is not null ? null : "must be a whole number of seconds from 1 to 3600.",
            "hostnameincertificate" => Uri.CheckHostName(value) == UriHostNameType.Dns ? null : "must be a host name.",
            _ => $"is not accepted for vendor '{vendor}' (accepted: {string.Join(", ", Accepted)}).",
        };
    }

    public static SqlServerOptions From(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var options = None;
        foreach (var (key, value) in pairs)
        {
            options = key.ToLowerInvariant() switch
            {
                "applicationname" => options with { ApplicationName = value },
                "logintimeout" => options with { LoginTimeoutSeconds = Seconds(value) },
                "hostnameincertificate" => options with { HostNameInCertificate = value },
                _ => options,
            };
        }

        return options;
    }

    private static int? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600 ? seconds : null;

    private static bool HasControl(string value) => value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0;
}
