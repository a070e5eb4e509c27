using System.Net;
using System.Text;

namespace Trifacta.Connections.Runner;

/// <summary>Removes a password from text in clear, URL-encoded and base64 forms before the text leaves the library.</summary>
/// <remarks>
/// A password of fewer than <see cref="ShortSecretLength"/> characters is removed only where it stands as a whole
/// token (not inside a longer word): masking every "p" of a message would destroy it and protect nothing that a
/// guess would not find.
/// </remarks>
internal static class SecretRedactor
{
    public const string Mask = "***";
    public const int ShortSecretLength = 4;

    public static string Redact(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = Replace(text, secret, StringComparison.Ordinal);
        foreach (var form in (ReadOnlySpan<string>)[Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret)])
        {
            if (!string.Equals(form, secret, StringComparison.Ordinal))
            {
                text = Replace(text, form, StringComparison.OrdinalIgnoreCase);
            }
        }

        return Replace(text, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal);
    }

    private static string Replace(string text, string value, StringComparison comparison)
    {
        if (value.Length >= ShortSecretLength)
        {
            return text.Replace(value, Mask, comparison);
        }

        var result = new StringBuilder(text.Length);
        var start = 0;
        for (var at = text.IndexOf(value, comparison); at >= 0; at = text.IndexOf(value, at + 1, comparison))
        {
            var end = at + value.Length;
            var wholeToken = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (wholeToken && at >= start)
            {
                result.Append(text, start, at - start).Append(Mask);
                start = end;
            }
        }

        return start == 0 ? text : result.Append(text, start, text.Length - start).ToString();
    }
}
