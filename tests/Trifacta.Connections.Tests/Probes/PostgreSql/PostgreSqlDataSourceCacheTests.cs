using Trifacta.Connections.Probes.PostgreSql;

namespace Trifacta.Connections.Tests.Probes.PostgreSql;

public sealed class PostgreSqlDataSourceCacheTests
{
    private static PostgreSqlDataSourceKey Key(int port = 5432, string user = "u") => new("127.0.0.1", port, "db", user, false, 30);

    [Fact]
    public async Task One_data_source_serves_each_target_and_none_holds_a_password()
    {
        await using var cache = new PostgreSqlDataSourceCache();

        var first = cache.Get(Key());

        cache.Get(Key()).Should().BeSameAs(first);
        cache.Get(Key(user: "other")).Should().NotBeSameAs(first);
        first.ConnectionString.Should().NotContainEquivalentOf("password");
        first.ConnectionString.Should().Contain("Pooling=False");
    }

    [Fact]
    public async Task The_cache_never_holds_more_than_its_capacity_and_keeps_the_most_recently_used()
    {
        await using var cache = new PostgreSqlDataSourceCache();
        var kept = cache.Get(Key(port: 1));

        for (var port = 2; port <= PostgreSqlDataSourceCache.Capacity + 50; port++)
        {
            cache.Get(Key(port: port));
            cache.Get(Key(port: 1));
        }

        cache.Count.Should().BeLessThanOrEqualTo(PostgreSqlDataSourceCache.Capacity);
        cache.Get(Key(port: 1)).Should().BeSameAs(kept);
    }
}
