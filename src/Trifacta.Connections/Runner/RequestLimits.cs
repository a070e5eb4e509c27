namespace Trifacta.Connections.Runner;

/// <summary>
/// The most any field of a request may hold (characters). Anything longer is an invalid request, never a
/// long-running or memory-hungry one. Documented in docs/wire-format.md and docs/security.md.
/// </summary>
internal static class RequestLimits
{
    public const int Name = 256;
    public const int Description = 4096;
    public const int Type = 32;
    public const int Vendor = 64;
    public const int Host = 253;
    public const int Database = 128;
    public const int Username = 128;
    public const int Password = 1024;
    public const int ConnectStringOptions = 2048;
    public const int CredentialType = 64;

    /// <summary>The largest JSON body the JSON entry point reads (bytes).</summary>
    public const int RequestBytes = 64 * 1024;

    /// <summary>The deepest JSON nesting the JSON entry point reads; the platform's body is three levels deep.</summary>
    public const int JsonDepth = 16;
}
