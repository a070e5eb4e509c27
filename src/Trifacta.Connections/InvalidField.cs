namespace Trifacta.Connections;

/// <summary>One rule a request breaks.</summary>
/// <param name="Field">The field's JSON path, for example <c>port</c> or <c>credentials[0].username</c>.</param>
/// <param name="Problem">What is wrong with it, for the person at the screen. Never contains a secret.</param>
public sealed record InvalidField(string Field, string Problem);
