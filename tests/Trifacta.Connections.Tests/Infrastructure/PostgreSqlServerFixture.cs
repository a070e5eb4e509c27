using Npgsql;

namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb into a temp folder from the machine's PostgreSQL binaries
/// (as user <c>postgres</c> when running as root), on a free loopback port, SCRAM authentication, a login role with
/// its database and a database without CONNECT privilege. Stopped and deleted at the end. Without binaries it
/// fails every test that needs it, saying how to install them; it never skips.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const string User = "dryrun_user";

    /// <summary>A password with characters that URL encoding and base64 change, to test every redacted form.</summary>
    public const string Password = "Dry run/p@ss+wörd=1";
    public const string Database = "dryrun_db";
    public const string LockedDatabase = "locked_db";
    public const int MaxConnections = 300;

    /// <summary>A role the server always refuses with 53300 (CONNECTION LIMIT 0): "too many connections for role".</summary>
    public const string LimitedUser = "limited_user";

    private readonly string _superuserPassword = "su-" + Guid.NewGuid().ToString("N");
    private string? _binDirectory;
    private string? _root;

    public int Port { get; private set; }

    public string DataDirectory => Path.Combine(_root!, "data");

    public string LogFile => Path.Combine(_root!, "server.log");

    /// <summary>The CA that signed the server's certificate (for <c>localhost</c> only), as a PEM file.</summary>
    public string CaFile => Path.Combine(_root!, "ca.pem");

    public string SuperuserConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = "postgres",
        Password = _superuserPassword,
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        _root = Directory.CreateTempSubdirectory("trifacta-pg-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_root, "pwfile"), _superuserPassword + "\n");
        var certificates = TestCertificates.Create();
        await File.WriteAllTextAsync(CaFile, certificates.CaPem);
        await File.WriteAllTextAsync(Path.Combine(_root, "server.crt"), certificates.ServerCertificatePem);
        await File.WriteAllTextAsync(Path.Combine(_root, "server.key"), certificates.ServerKeyPem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_root, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await ChownAsync(_root);

        await RunAsPostgresAsync("initdb", "-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256",
            "--pwfile=" + Path.Combine(_root, "pwfile"), "-E", "UTF8", "--no-sync", "--locale=C");
        File.Delete(Path.Combine(_root, "pwfile"));

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = LoopbackPorts.Unused();
            var settings = string.Join(' ',
                $"-p {Port}",
                $"-k {_root}",
                "-c listen_addresses=127.0.0.1",
                $"-c max_connections={MaxConnections}",
                "-c fsync=off",
                "-c full_page_writes=off",
                "-c synchronous_commit=off",
                "-c log_connections=on",
                "-c ssl=on",
                $"-c ssl_cert_file={Path.Combine(_root, "server.crt")}",
                $"-c ssl_key_file={Path.Combine(_root, "server.key")}",
                "-c log_disconnections=on");
            try
            {
                await RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-o", settings, "-w", "-t", "60", "start");
                last = null;
                break;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }
        }

        if (last is not null)
        {
            throw last;
        }

        await ExecuteAsync(
            $"CREATE ROLE {User} LOGIN PASSWORD '{Password.Replace("'", "''", StringComparison.Ordinal)}'",
            $"CREATE DATABASE {Database} OWNER {User}",
            $"CREATE DATABASE {LockedDatabase}",
            $"REVOKE CONNECT ON DATABASE {LockedDatabase} FROM PUBLIC",
            $"CREATE ROLE {LimitedUser} LOGIN PASSWORD '{Password.Replace("'", "''", StringComparison.Ordinal)}' CONNECTION LIMIT 0");
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        try
        {
            if (Directory.Exists(DataDirectory) && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Runs statements as the superuser, each on its own (CREATE DATABASE cannot run in a transaction).</summary>
    public async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Counts the server sessions of <paramref name="user"/> (other than the one asking).</summary>
    public async Task<long> CountSessionsAsync(string user = User)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until <paramref name="user"/> has no session left, up to <paramref name="within"/>; returns the last count.</summary>
    public async Task<long> WaitForNoSessionsAsync(TimeSpan within, string user = User)
    {
        var until = DateTime.UtcNow + within;
        long count;
        while ((count = await CountSessionsAsync(user)) > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return count;
    }

    /// <summary>The server log so far (log_connections is on).</summary>
    public async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A v4 request body for this server, as the platform would send it.</summary>
    public ConnectionDryRunRequest Request(string? database = Database, string user = User, string password = Password, int? port = null, string host = Host, bool ssl = false) => new()
    {
        ConnectParams = new ConnectionDryRunConnectParams
        {
            Vendor = "postgres",
            VendorName = "postgres",
            Host = host,
            Port = port ?? Port,
            Database = database,
        },
        Host = host,
        Port = port ?? Port,
        Vendor = "postgres",
        VendorName = "postgres",
        Params = new ConnectionDryRunParams { ConnectStrOpts = string.Empty, Database = database },
        Ssl = ssl,
        Name = "postgres",
        Description = string.Empty,
        Type = "jdbc",
        IsGlobal = false,
        CredentialType = "basic",
        CredentialsShared = true,
        DisableTypeInference = false,
        Credentials = [new ConnectionCredential { Username = user, Password = password }],
    };

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("TRIFACTA_PG_BINDIR");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Directory, "bin", "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Directory is not null)
            {
                return Path.Combine(newest.Directory, "bin");
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException(
            "These tests need a real PostgreSQL server and found no PostgreSQL server binaries (initdb, pg_ctl). " +
            "Install them with 'apt-get install -y postgresql' (Debian/Ubuntu; eng/test.sh does this for you), " +
            "or point TRIFACTA_PG_BINDIR at a folder holding initdb and pg_ctl.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task RunAsPostgresAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        var (file, args) = IsRoot
            ? ("runuser", new[] { "-u", "postgres", "--", path }.Concat(arguments))
            : (path, arguments.AsEnumerable());
        var (exitCode, output) = await ExternalProcess.RunAsync(file, args, TimeSpan.FromSeconds(120));
        if (exitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : string.Empty;
            throw new InvalidOperationException($"'{tool}' failed with exit code {exitCode}: {output}\n{log}");
        }
    }

    private static async Task ChownAsync(string path)
    {
        if (!IsRoot)
        {
            return;
        }

        var (exitCode, output) = await ExternalProcess.RunAsync("chown", ["-R", "postgres:postgres", path], TimeSpan.FromSeconds(30));
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and the user 'postgres' could not own {path}: {output}. Install the server with 'apt-get install -y postgresql', which creates that user.");
        }
    }
}
