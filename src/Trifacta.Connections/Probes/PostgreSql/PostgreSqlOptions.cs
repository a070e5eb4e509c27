using System.Collections.Frozen;
using System.Globalization;

namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>
/// The JDBC-style <c>connectStrOpts</c> keys the PostgreSQL probe accepts (pgjdbc's names, case-insensitive), each
/// mapped onto an Npgsql setting, and the keys it refuses with the reason. Documented in docs/vendors.md.
/// </summary>
internal sealed record PostgreSqlOptions(string? ApplicationName, string? SearchPath, int? ConnectTimeoutSeconds, bool TcpKeepAlive)
{
    public static readonly PostgreSqlOptions None = new(null, null, null, false);

    public static readonly IReadOnlyCollection<string> Accepted = ["ApplicationName", "connectTimeout", "currentSchema", "loginTimeout", "tcpKeepAlive"];

    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = OptionRefusals.WhereOrAsWhom,
        ["port"] = OptionRefusals.WhereOrAsWhom,
        ["user"] = OptionRefusals.WhereOrAsWhom,
        ["username"] = OptionRefusals.WhereOrAsWhom,
        ["password"] = OptionRefusals.WhereOrAsWhom,
        ["dbname"] = OptionRefusals.WhereOrAsWhom,
        ["database"] = OptionRefusals.WhereOrAsWhom,
        ["PGHOST"] = OptionRefusals.WhereOrAsWhom,
        ["PGPORT"] = OptionRefusals.WhereOrAsWhom,
        ["PGUSER"] = OptionRefusals.WhereOrAsWhom,
        ["PGPASSWORD"] = OptionRefusals.WhereOrAsWhom,
        ["PGDBNAME"] = OptionRefusals.WhereOrAsWhom,
        ["service"] = OptionRefusals.WhereOrAsWhom,
        ["targetServerType"] = OptionRefusals.WhereOrAsWhom,
        ["options"] = "is not accepted: it sets server parameters for the session.",
        ["ssl"] = OptionRefusals.UseSsl,
        ["sslmode"] = OptionRefusals.UseSsl,
        ["sslcert"] = OptionRefusals.LocalFiles,
        ["sslkey"] = OptionRefusals.LocalFiles,
        ["sslrootcert"] = OptionRefusals.LocalFiles,
        ["sslpassword"] = OptionRefusals.LocalFiles,
        ["sslpasswordcallback"] = OptionRefusals.LocalFiles,
        ["sslfactory"] = OptionRefusals.LocalFiles,
        ["sslfactoryarg"] = OptionRefusals.LocalFiles,
        ["sslhostnameverifier"] = OptionRefusals.LocalFiles,
        ["passfile"] = OptionRefusals.LocalFiles,
        ["loggerFile"] = OptionRefusals.LocalFiles,
        ["socketFactory"] = OptionRefusals.LocalFiles,
        ["socketFactoryArg"] = OptionRefusals.LocalFiles,
        ["authenticationPluginClassName"] = OptionRefusals.LocalFiles,
        ["jaasLogin"] = OptionRefusals.LocalFiles,
        ["kerberosServerName"] = OptionRefusals.LocalFiles,
        ["gsslib"] = OptionRefusals.LocalFiles,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? Check(string vendor, string key, string value)
    {
        if (Refused.TryGetValue(key, out var reason))
        {
            return reason;
        }

        return key.ToLowerInvariant() switch
        {
            "applicationname" => value.Length is > 0 and <= 63 && !HasControl(value) ? null : "must be 1 to 63 characters without control characters.",
            "currentschema" => value.Length is > 0 and <= 63 && !HasControl(value) ? null : "must be a schema name of 1 to 63 characters.",
            "connecttimeout" or "logintimeout" => Seconds(value) is not null ? null : "must be a whole number of seconds from 1 to 3600.",
            "tcpkeepalive" => bool.TryParse(value, out _) ? null : "must be true or false.",
            _ => OptionRefusals.NotAccepted(vendor, Accepted),
        };
    }

    /// <summary>The settings of checked pairs; the smaller of connectTimeout and loginTimeout wins.</summary>
    public static PostgreSqlOptions From(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return None;
        }

        var options = None;
        foreach (var (key, value) in pairs)
        {
            options = key.ToLowerInvariant() switch
            {
                "applicationname" => options with { ApplicationName = value },
                "currentschema" => options with { SearchPath = value },
                "connecttimeout" or "logintimeout" => options with { ConnectTimeoutSeconds = Math.Min(options.ConnectTimeoutSeconds ?? int.MaxValue, Seconds(value)!.Value) },
                "tcpkeepalive" => options with { TcpKeepAlive = bool.Parse(value) },
                _ => options,
            };
        }

        return options;
    }

    private static int? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600 ? seconds : null;

    private static bool HasControl(string value) => value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0;
}
