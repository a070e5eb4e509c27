namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>A key file in a temp folder, deleted with the test.</summary>
public sealed class TestKeyFile : IDisposable
{
    public TestKeyFile(string content = "a-test-customer-key-of-32-chars!\n")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("trifacta-key-").FullName;
        Path = System.IO.Path.Combine(Directory, "customerKey");
        File.WriteAllText(Path, content);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
