namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>Request bodies for unit tests.</summary>
public static class Requests
{
    /// <summary>The platform's documented example body, verbatim.</summary>
    public const string SeedJson = """
        {
          "connectParams": { "vendor": "postgres", "vendorName": "postgres", "host": "db.example.com",
                             "port": "5432", "database": "myDB" },
          "host": "db.example.com",
          "port": 5432,
          "vendor": "postgres",
          "params": { "connectStrOpts": "", "database": "myDB" },
          "ssl": false,
          "vendorName": "postgres",
          "name": "postgres",
          "description": "",
          "type": "jdbc",
          "isGlobal": false,
          "credentialType": "basic",
          "credentialsShared": true,
          "disableTypeInference": false,
          "credentials": [ { "username": "<username>", "password": "<password>" } ]
        }
        """;

    /// <summary>A valid request for vendor <paramref name="vendor"/> on loopback.</summary>
    public static ConnectionDryRunRequest Valid(string vendor = "postgres", string password = "s3cret-Passw0rd") => new()
    {
        Host = "127.0.0.1",
        Port = 5432,
        Vendor = vendor,
        VendorName = vendor,
        Name = "test",
        Type = "jdbc",
        CredentialType = "basic",
        Params = new ConnectionDryRunParams { Database = "db" },
        Credentials = [new ConnectionCredential { Username = "user", Password = password }],
    };
}
