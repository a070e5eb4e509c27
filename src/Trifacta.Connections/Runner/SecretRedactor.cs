using System.Net;
using System.Text;

namespace Trifacta.Connections.Runner;

/// <summary>Removes a password from text in clear, URL-encoded and base64 forms before the text leaves the library.</summary>
internal static class SecretRedactor
{
    public const string Mask = "***";

    public static string Redact(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = ReplaceIfDifferent(text, secret, Uri.EscapeDataString(secret));
        text = ReplaceIfDifferent(text, secret, WebUtility.UrlEncode(secret));
        text = ReplaceIfDifferent(text, secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        return text;
    }

    private static string ReplaceIfDifferent(string text, string secret, string form) =>
        form.Length == 0 || string.Equals(form, secret, StringComparison.Ordinal)
            ? text
            : text.Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
}
