using System.Collections.Frozen;

namespace Trifacta.Connections.Runner;

/// <summary>Checks every rule of the v4 request (SPEC §2) and collects every broken one.</summary>
internal static class RequestValidator
{
    public const string BasicCredentialType = "basic";
    public const string JdbcType = "jdbc";

    public static ValidatedRequest Validate(ConnectionDryRunRequest request, FrozenDictionary<string, IConnectionProbe> probes)
    {
        var errors = new List<InvalidField>();
        var connectParams = request.ConnectParams;

        // Lengths first: nothing below looks at a value longer than its limit.
        TooLong(request.Name, RequestLimits.Name, "name", errors);
        TooLong(request.Description, RequestLimits.Description, "description", errors);
        TooLong(request.Type, RequestLimits.Type, "type", errors);
        TooLong(request.Vendor, RequestLimits.Vendor, "vendor", errors);
        TooLong(request.VendorName, RequestLimits.Vendor, "vendorName", errors);
        TooLong(request.Host, RequestLimits.Host, "host", errors);
        TooLong(request.CredentialType, RequestLimits.CredentialType, "credentialType", errors);
        TooLong(request.Params?.Database, RequestLimits.Database, "params.database", errors);
        TooLong(request.Params?.ConnectStrOpts, RequestLimits.ConnectStringOptions, "params.connectStrOpts", errors);
        TooLong(request.Params?.ConnectStringOptions, RequestLimits.ConnectStringOptions, "params.connectStringOptions", errors);
        TooLong(connectParams?.Vendor, RequestLimits.Vendor, "connectParams.vendor", errors);
        TooLong(connectParams?.VendorName, RequestLimits.Vendor, "connectParams.vendorName", errors);
        TooLong(connectParams?.Host, RequestLimits.Host, "connectParams.host", errors);
        TooLong(connectParams?.Database, RequestLimits.Database, "connectParams.database", errors);
        if (errors.Count > 0)
        {
            return new ValidatedRequest(null, null, request.CredentialType ?? BasicCredentialType, errors);
        }

        Required(request.Name, "name", errors);
        if (Required(request.Type, "type", errors) && !string.Equals(request.Type, JdbcType, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("type", $"must be '{JdbcType}' (relational connections are the ones this library tests), not '{Shorten(request.Type)}'."));
        }

        Required(request.Vendor, "vendor", errors);
        Required(request.VendorName, "vendorName", errors);
        Agree(request.Vendor, connectParams?.Vendor, "vendor", "connectParams.vendor", StringComparison.OrdinalIgnoreCase, errors);
        Agree(request.VendorName, connectParams?.VendorName, "vendorName", "connectParams.vendorName", StringComparison.OrdinalIgnoreCase, errors);

        if (Required(request.Host, "host", errors) && Uri.CheckHostName(request.Host) == UriHostNameType.Unknown)
        {
            errors.Add(new("host", $"'{Shorten(request.Host)}' is not a valid host name or IP address."));
        }

        Agree(request.Host, connectParams?.Host, "host", "connectParams.host", StringComparison.OrdinalIgnoreCase, errors);

        if (request.Port is null)
        {
            errors.Add(new("port", "is required."));
        }
        else if (request.Port is < 1 or > 65535)
        {
            errors.Add(new("port", $"must be an integer from 1 to 65535, not {request.Port}."));
        }

        if (connectParams?.Port is { } otherPort && request.Port is { } port && otherPort != port)
        {
            errors.Add(new("connectParams.port", $"'port' ({port}) and 'connectParams.port' ({otherPort}) disagree."));
        }

        var database = request.Params?.Database;
        Agree(database, connectParams?.Database, "params.database", "connectParams.database", StringComparison.Ordinal, errors);
        database ??= connectParams?.Database;
        if (database is { Length: 0 })
        {
            errors.Add(new("params.database", "must not be empty; leave it out for the server's default database."));
        }
        else if (database is not null && HasControlCharacter(database))
        {
            errors.Add(new("params.database", "must not contain control characters."));
        }

        var options = request.Params?.ConnectStrOpts;
        var alias = request.Params?.ConnectStringOptions;
        if (options is not null && alias is not null && !string.Equals(options, alias, StringComparison.Ordinal))
        {
            errors.Add(new("params.connectStringOptions", "'params.connectStrOpts' and its alias 'params.connectStringOptions' disagree."));
        }

        var pairs = ConnectStringOptionsParser.Parse(options ?? alias, errors);
        if (pairs.Count > 0 && request.Vendor is not null && probes.TryGetValue(request.Vendor, out var probe))
        {
            foreach (var (key, value) in pairs)
            {
                if (probe.CheckOption(key, value) is { } problem)
                {
                    errors.Add(new(ConnectStringOptionsParser.Field, $"the key '{Shorten(key)}' {problem}"));
                }
            }
        }

        var credentialType = request.CredentialType ?? BasicCredentialType;
        string? username = null;
        string? password = null;
        if (string.Equals(credentialType, BasicCredentialType, StringComparison.OrdinalIgnoreCase))
        {
            var credentials = request.Credentials;
            if (credentials is null || credentials.Count == 0)
            {
                errors.Add(new("credentials", "must hold one {username, password} for 'basic' credentials."));
            }
            else if (credentials.Count > 1)
            {
                errors.Add(new("credentials", $"must hold exactly one {{username, password}} for 'basic' credentials, not {credentials.Count}."));
            }
            else if (credentials[0] is not { } credential)
            {
                errors.Add(new("credentials[0]", "must be an object with a username and a password."));
            }
            else
            {
                username = credential.Username;
                password = credential.Password?.Reveal();
                if (Required(username, "credentials[0].username", errors))
                {
                    if (username!.Length > RequestLimits.Username)
                    {
                        errors.Add(new("credentials[0].username", $"is longer than {RequestLimits.Username} characters."));
                    }
                    else if (HasControlCharacter(username))
                    {
                        errors.Add(new("credentials[0].username", "must not contain control characters."));
                    }
                }

                if (password is null)
                {
                    errors.Add(new("credentials[0].password", "is required."));
                }
                else if (password.Length > RequestLimits.Password)
                {
                    errors.Add(new("credentials[0].password", $"is longer than {RequestLimits.Password} characters."));
                }
                else if (password.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add(new("credentials[0].password", "must not contain a NUL character."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new ValidatedRequest(null, null, credentialType, errors);
        }

        var target = new ConnectionTarget(request.Vendor!, request.Host!, request.Port!.Value, database, username ?? string.Empty, request.Ssl ?? false, pairs);
        return new ValidatedRequest(target, password, credentialType, errors);
    }

    private static void TooLong(string? value, int limit, string field, List<InvalidField> errors)
    {
        if (value is not null && value.Length > limit)
        {
            errors.Add(new(field, $"is longer than {limit} characters."));
        }
    }

    private static bool HasControlCharacter(string value) => value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0;

    private static bool Required(string? value, string field, List<InvalidField> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "is required."));
            return false;
        }

        return true;
    }

    private static void Agree(string? topLevel, string? nested, string topField, string nestedField, StringComparison comparison, List<InvalidField> errors)
    {
        if (topLevel is not null && nested is not null && !string.Equals(topLevel, nested, comparison))
        {
            errors.Add(new(nestedField, $"'{topField}' ('{Shorten(topLevel)}') and '{nestedField}' ('{Shorten(nested)}') disagree."));
        }
    }

    private static string Shorten(string? text) => ConnectStringOptionsParser.Shorten(text);
}
