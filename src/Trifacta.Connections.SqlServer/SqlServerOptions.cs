using System.Collections.Frozen;
using System.Globalization;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.SqlServer;

/// <summary>
/// The <c>connectStrOpts</c> keys the SQL Server probes accept (JDBC driver names, case-insensitive), each mapped onto
/// a SqlClient setting, and the keys refused with the reason. Documented in docs/vendors.md.
/// </summary>
internal sealed record SqlServerOptions(string? ApplicationName, int? LoginTimeoutSeconds, string? HostNameInCertificate)
{
    public static readonly SqlServerOptions None = new(null, null, null);

    public static readonly IReadOnlyCollection<string> Accepted = ["applicationName", "hostNameInCertificate", "loginTimeout"];

    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["serverName"] = OptionRefusals.WhereOrAsWhom,
        ["databaseName"] = OptionRefusals.WhereOrAsWhom,
        ["database"] = OptionRefusals.WhereOrAsWhom,
        ["server"] = OptionRefusals.WhereOrAsWhom,
        ["portNumber"] = OptionRefusals.WhereOrAsWhom,
        ["port"] = OptionRefusals.WhereOrAsWhom,
        ["instanceName"] = OptionRefusals.WhereOrAsWhom,
        ["user"] = OptionRefusals.WhereOrAsWhom,
        ["userName"] = OptionRefusals.WhereOrAsWhom,
        ["password"] = OptionRefusals.WhereOrAsWhom,
        ["integratedSecurity"] = OptionRefusals.WhereOrAsWhom,
        ["authentication"] = OptionRefusals.WhereOrAsWhom,
        ["authenticationScheme"] = OptionRefusals.WhereOrAsWhom,
        ["failoverPartner"] = OptionRefusals.WhereOrAsWhom,
        ["multiSubnetFailover"] = OptionRefusals.WhereOrAsWhom,
        ["AttachDBFilename"] = OptionRefusals.LocalFiles,
        ["attachDbFileName"] = OptionRefusals.LocalFiles,
        ["serverCertificate"] = OptionRefusals.LocalFiles,
        ["trustStore"] = OptionRefusals.LocalFiles,
        ["trustStorePassword"] = OptionRefusals.LocalFiles,
        ["keyStoreLocation"] = OptionRefusals.LocalFiles,
        ["keyStoreSecret"] = OptionRefusals.LocalFiles,
        ["clientCertificate"] = OptionRefusals.LocalFiles,
        ["clientKey"] = OptionRefusals.LocalFiles,
        ["socketFactoryClass"] = OptionRefusals.LocalFiles,
        ["trustManagerClass"] = OptionRefusals.LocalFiles,
        ["encrypt"] = OptionRefusals.UseSsl,
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
            _ => OptionRefusals.NotAccepted(vendor, Accepted),
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
