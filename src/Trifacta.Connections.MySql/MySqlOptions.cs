using System.Collections.Frozen;
using System.Globalization;
using Trifacta.Connections.Probes;

namespace Trifacta.Connections.MySql;

/// <summary>
/// The JDBC-style <c>connectStrOpts</c> keys the MySQL probe accepts (MySQL Connector/J's names, case-insensitive),
/// each mapped onto a MySqlConnector setting, and the keys it refuses with the reason. Documented in docs/vendors.md.
/// </summary>
internal sealed record MySqlOptions(uint? ConnectTimeoutSeconds, bool AllowPublicKeyRetrieval, string? CharacterSet, string? ApplicationName)
{
    public static readonly MySqlOptions None = new(null, false, null, null);

    public static readonly IReadOnlyCollection<string> Accepted = ["allowPublicKeyRetrieval", "ApplicationName", "characterEncoding", "connectTimeout"];

    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = OptionRefusals.WhereOrAsWhom,
        ["port"] = OptionRefusals.WhereOrAsWhom,
        ["user"] = OptionRefusals.WhereOrAsWhom,
        ["password"] = OptionRefusals.WhereOrAsWhom,
        ["password1"] = OptionRefusals.WhereOrAsWhom,
        ["database"] = OptionRefusals.WhereOrAsWhom,
        ["socket"] = OptionRefusals.WhereOrAsWhom,
        ["socketFactory"] = OptionRefusals.LocalFiles,
        ["allowLoadLocalInfile"] = OptionRefusals.LocalFiles,
        ["allowLocalInfile"] = OptionRefusals.LocalFiles,
        ["allowUrlInLocalInfile"] = OptionRefusals.LocalFiles,
        ["allowLoadLocalInfileInPath"] = OptionRefusals.LocalFiles,
        ["autoDeserialize"] = OptionRefusals.LocalFiles,
        ["clientCertificateKeyStoreUrl"] = OptionRefusals.LocalFiles,
        ["trustCertificateKeyStoreUrl"] = OptionRefusals.LocalFiles,
        ["serverRSAPublicKeyFile"] = OptionRefusals.LocalFiles,
        ["sslCert"] = OptionRefusals.LocalFiles,
        ["sslKey"] = OptionRefusals.LocalFiles,
        ["sslCa"] = OptionRefusals.LocalFiles,
        ["queryInterceptors"] = OptionRefusals.LocalFiles,
        ["exceptionInterceptors"] = OptionRefusals.LocalFiles,
        ["connectionLifecycleInterceptors"] = OptionRefusals.LocalFiles,
        ["authenticationPlugins"] = OptionRefusals.LocalFiles,
        ["useSSL"] = OptionRefusals.UseSsl,
        ["sslMode"] = OptionRefusals.UseSsl,
        ["requireSSL"] = OptionRefusals.UseSsl,
        ["verifyServerCertificate"] = OptionRefusals.UseSsl,
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
            _ => OptionRefusals.NotAccepted("mysql", Accepted),
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
