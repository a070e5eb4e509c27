namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>The tests that share one throwaway MariaDB server.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServerFixture>
{
    public const string Name = "MariaDB server";
}
