namespace Trifacta.Connections.Tests.Infrastructure;

/// <summary>The tests that share one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL server";
}
