using System.Diagnostics;
using MySqlConnector;

namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>
/// A throwaway MariaDB server for the MySQL probe's tests: <c>mariadb-install-db</c> into a temp folder from
/// Debian's <c>mariadb-server</c>, started as user <c>mysql</c> on a free loopback port with TLS (a certificate for
/// <c>localhost</c> signed by a CA the tests make), a login user with its database, a database it may not use, and a
/// user limited to one connection. Stopped and deleted at the end. Without the binaries every test that needs it
/// fails, saying how to install them.
/// </summary>
public sealed class MariaDbServerFixture : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const string User = "dryrun_user";
    public const string Password = "Dry run/m@ria+pw=1";
    public const string Database = "dryrun_db";
    public const string LockedDatabase = "locked_db";
    public const string LimitedUser = "limited_user";

    /// <summary>A user with privileges on every database, to whom the server says that a database does not exist (1049) rather than that it is not allowed (1044).</summary>
    public const string WideUser = "wide_user";

    private string? _root;
    private Process? _server;

    public int Port { get; private set; }

    public string CaFile => Path.Combine(_root!, "ca.pem");

    private string Socket => Path.Combine(_root!, "mysqld.sock");

    public async Task InitializeAsync()
    {
        var (serverBinary, installDb) = FindBinaries();
        _root = Directory.CreateTempSubdirectory("trifacta-mariadb-").FullName;
        var certificates = TestCertificates.Create();
        await File.WriteAllTextAsync(CaFile, certificates.CaPem);
        await File.WriteAllTextAsync(Path.Combine(_root, "server.crt"), certificates.ServerCertificatePem);
        await File.WriteAllTextAsync(Path.Combine(_root, "server.key"), certificates.ServerKeyPem);
        if (Environment.UserName == "root")
        {
            var (chown, chownOutput) = await ExternalProcess.RunAsync("chown", ["-R", "mysql:mysql", _root], TimeSpan.FromSeconds(30));
            if (chown != 0)
            {
                throw new InvalidOperationException($"The user 'mysql' could not own {_root}: {chownOutput}. Install the server with 'apt-get install -y mariadb-server', which creates that user.");
            }
        }

        var data = Path.Combine(_root, "data");
        var (exitCode, output) = await ExternalProcess.RunAsync(installDb,
            ["--no-defaults", $"--datadir={data}", "--user=mysql", "--auth-root-authentication-method=normal", "--skip-test-db"], TimeSpan.FromMinutes(2));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-install-db failed ({exitCode}): {output}");
        }

        Port = LoopbackPorts.Unused();
        _server = Process.Start(new ProcessStartInfo(serverBinary)
        {
            ArgumentList =
            {
                "--no-defaults", $"--datadir={data}", $"--socket={Socket}", $"--port={Port}", "--bind-address=127.0.0.1",
                "--user=mysql", $"--pid-file={Path.Combine(_root, "mysqld.pid")}", $"--log-error={Path.Combine(_root, "error.log")}",
                "--skip-name-resolve", "--max-connections=200", "--innodb-buffer-pool-size=16M", "--skip-log-bin",
                $"--ssl-cert={Path.Combine(_root, "server.crt")}", $"--ssl-key={Path.Combine(_root, "server.key")}",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("mariadbd did not start.");

        await WaitUntilReadyAsync();
        await ExecuteAsync(
            $"CREATE USER '{User}'@'%' IDENTIFIED BY '{Password}'",
            $"CREATE DATABASE {Database}",
            $"GRANT ALL ON {Database}.* TO '{User}'@'%'",
            $"CREATE DATABASE {LockedDatabase}",
            $"CREATE USER '{LimitedUser}'@'%' IDENTIFIED BY '{Password}' WITH MAX_USER_CONNECTIONS 1",
            $"GRANT ALL ON {Database}.* TO '{LimitedUser}'@'%'",
            $"CREATE USER '{WideUser}'@'%' IDENTIFIED BY '{Password}'",
            $"GRANT SELECT ON *.* TO '{WideUser}'@'%'");
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A connection as root over the server's Unix socket.</summary>
    public MySqlConnection Root() => new(new MySqlConnectionStringBuilder
    {
        Server = Socket,
        ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
        UserID = "root",
        Pooling = false,
    }.ConnectionString);

    public async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = Root();
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Sessions of <paramref name="user"/> on the server.</summary>
    public async Task<long> CountSessionsAsync(string user = User)
    {
        await using var connection = Root();
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = @user", connection);
        command.Parameters.AddWithValue("@user", user);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A login of <see cref="LimitedUser"/> held open, so that the server refuses the next one (error 1226).</summary>
    public async Task<MySqlConnection> HoldLimitedUserConnectionAsync()
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = Host,
            Port = (uint)Port,
            UserID = LimitedUser,
            Password = Password,
            Database = Database,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public ConnectionDryRunRequest Request(string? database = Database, string user = User, string password = Password, int? port = null, string host = Host, bool ssl = false) => new()
    {
        ConnectParams = new ConnectionDryRunConnectParams { Vendor = "mysql", VendorName = "mysql", Host = host, Port = port ?? Port, Database = database },
        Host = host,
        Port = port ?? Port,
        Vendor = "mysql",
        VendorName = "mysql",
        Params = new ConnectionDryRunParams { ConnectStrOpts = string.Empty, Database = database },
        Ssl = ssl,
        Name = "mysql",
        Type = "jdbc",
        CredentialType = "basic",
        Credentials = [new ConnectionCredential { Username = user, Password = password }],
    };

    private async Task WaitUntilReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            if (_server!.HasExited)
            {
                break;
            }

            try
            {
                await using var connection = Root();
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException ex)
            {
                last = ex;
                await Task.Delay(200);
            }
        }

        var log = Path.Combine(_root!, "error.log");
        throw new InvalidOperationException($"MariaDB did not become ready: {last?.Message}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty)}");
    }

    private static (string Server, string InstallDb) FindBinaries()
    {
        var server = new[] { "/usr/sbin/mariadbd", "/usr/sbin/mysqld" }.FirstOrDefault(File.Exists);
        var installDb = new[] { "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db" }.FirstOrDefault(File.Exists);
        return server is not null && installDb is not null
            ? (server, installDb)
            : throw new InvalidOperationException(
                "These tests need a real MariaDB server and found no MariaDB binaries (mariadbd, mariadb-install-db). " +
                "Install them with 'apt-get install -y mariadb-server' (Debian/Ubuntu; eng/test.sh does this for you).");
    }
}
