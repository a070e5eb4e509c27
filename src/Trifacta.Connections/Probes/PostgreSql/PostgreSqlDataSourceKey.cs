namespace Trifacta.Connections.Probes.PostgreSql;

/// <summary>What a cached data source is for: everything that shapes the connection except the password.</summary>
internal readonly record struct PostgreSqlDataSourceKey(
    string Host,
    int Port,
    string? Database,
    string Username,
    bool Ssl,
    int TimeoutSeconds,
    string? ApplicationName = null,
    string? SearchPath = null,
    bool TcpKeepAlive = false,
    bool Redshift = false);
