namespace Trifacta.Connections.Runner;

/// <summary>
/// Parses the platform's JDBC-style options suffix: <c>?a=1&amp;b=2</c> (URL-encoded values) or <c>;a=1;b=2</c>.
/// Without a leading <c>?</c> or <c>;</c> the separator is <c>;</c> when the text has one, else <c>&amp;</c>.
/// </summary>
internal static class ConnectStringOptionsParser
{
    public const string Field = "params.connectStrOpts";

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text, ICollection<InvalidField> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var trimmed = text.AsSpan().Trim();
        var urlForm = trimmed[0] == '?' || (trimmed[0] != ';' && !trimmed.Contains(';'));
        if (trimmed[0] is '?' or ';')
        {
            trimmed = trimmed[1..];
        }

        var separator = urlForm ? '&' : ';';
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var range in trimmed.Split(separator))
        {
            var segment = trimmed[range].Trim();
            if (segment.IsEmpty)
            {
                continue;
            }

            var equals = segment.IndexOf('=');
            var key = equals < 0 ? segment : segment[..equals].Trim();
            if (equals <= 0 || key.IsEmpty)
            {
                errors.Add(new InvalidField(Field, $"'{Shorten(segment)}' is not a key=value pair."));
                continue;
            }

            var rawValue = segment[(equals + 1)..].Trim().ToString();
            var value = urlForm ? Uri.UnescapeDataString(rawValue.Replace('+', ' ')) : rawValue;

            var keyText = key.ToString();
            if (pairs.Exists(p => string.Equals(p.Key, keyText, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new InvalidField(Field, $"the key '{Shorten(key)}' is given more than once."));
                continue;
            }

            pairs.Add(new(keyText, value));
        }

        return pairs;
    }

    internal static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 64 ? text.ToString() : string.Concat(text[..61], "...");
}
