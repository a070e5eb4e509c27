using System.Collections.Frozen;
using System.Globalization;

namespace Trifacta.Connections.MySql;

/// <summary>
/// The JDBC-style <c>connectStrOpts</c> keys the MySQL probe accepts (MySQL Connector/J's names, case-insensitive),
/// each mapped onto a MySqlConnector setting, and the keys it refuses with the reason. Documented in docs/vendors.md.
/// </summary>
internal sealed record MySqlOptions(uint? ConnectTimeoutSeconds, bool AllowPublicKeyRetrieval, string? CharacterSet, string? ApplicationName)
{
    public static readonly MySqlOptions None = new(null, false, null, null);

    public static readonly IReadOnlyCollection<string> Accepted = ["allowPublicKeyRetrieval", "ApplicationName", "characterEncoding", "connectTimeout"];

    private const string WhereOrAsWhom = "is not accepted: it would change where or as whom the dry run connects; use the request's host, port, database and credentials.";
    private const string LocalFiles = "is not accepted: it reads or writes local files or loads code on the host.";

    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = WhereOrAsWhom,
        ["port"] = WhereOrAsWhom,
        ["user"] = WhereOrAsWhom,
        ["password"] = WhereOrAsWhom,
        ["password1"] = WhereOrAsWhom,
        ["database"] = WhereOrAsWhom,
        ["socket"] = WhereOrAsWhom,
        ["socketFactory"] = LocalFiles,
        ["allowLoadLocalInfile"] = LocalFiles,
        ["allowLocalInfile"] = LocalFiles,
        ["allowUrlInLocalInfile"] = LocalFiles,
        ["allowLoadLocalInfileInPath"] = LocalFiles,
        ["autoDeserialize"] = LocalFiles,
        ["clientCertificateKeyStoreUrl"] = LocalFiles,
        ["trustCertificateKeyStoreUrl"] = LocalFiles,
        ["serverRSAPublicKeyFile"] = LocalFiles,
        ["sslCert"] = LocalFiles,
        ["sslKey"] = LocalFiles,
        ["sslCa"] = LocalFiles,
        ["queryInterceptors"] = LocalFiles,
        ["exceptionInterceptors"] = LocalFiles,
        ["connectionLifecycleInterceptors"] = LocalFiles,
        ["authenticationPlugins"] = LocalFiles,
        ["useSSL"] = "is not accepted: use the request's ssl field.",
        ["sslMode"] = "is not accepted: use the request's ssl field.",
        ["requireSSL"] = "is not accepted: use the request's ssl field.",
        ["verifyServerCertificate"] = "is not accepted: use the request's ssl field.",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? Check(string key, string value)
    {
        if (Refused.TryGetValue(key, out var reason))
        {
            return reason;
        }

        return key.ToLowerInvariant() switch
        {
            "connecttimeout" => Milliseconds(value) is not null ? null : "must be a whole number of milliseconds from 1 to 3600000.",
            "allowpublickeyretrieval" => bool.TryParse(value, out _) ? null : "must be true or false.",
            "characterencoding" => value.Length is > 0 and <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? null : "must be a character set name.",
            "applicationname" => value.Length is > 0 and <= 63 && value.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? null : "must be 1 to 63 characters without control characters.",
            _ => $"is not accepted for vendor 'mysql' (accepted: {string.Join(", ", Accepted)}).",
        };
    }

    public static MySqlOptions From(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var options = None;
        foreach (var (key, value) in pairs)
        {
            options = key.ToLowerInvariant() switch
            {
                "connecttimeout" => options with { ConnectTimeoutSeconds = (uint)Math.Ceiling(Milliseconds(value)!.Value / 1000.0) },
                "allowpublickeyretrieval" => options with { AllowPublicKeyRetrieval = bool.Parse(value) },
                "characterencoding" => options with { CharacterSet = value },
                "applicationname" => options with { ApplicationName = value },
                _ => options,
            };
        }

        return options;
    }

    private static int? Milliseconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 1 and <= 3_600_000 ? ms : null;
}
