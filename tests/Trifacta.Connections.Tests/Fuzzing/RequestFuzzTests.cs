using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Trifacta.Connections.Tests.Infrastructure;
using Trifacta.Connections.Tests.Runner;
using Xunit.Abstractions;

namespace Trifacta.Connections.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of the JSON entry point: valid platform bodies mutated (wrong types, nulls, huge strings,
/// control characters, unicode, nested junk, the password copied into other fields, truncation, garbage bytes).
/// Whatever comes in: no exception, always a valid v4 result, never the password in it.
/// </summary>
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;
    private const string Password = "fuzz-Pa55word/+=";

    private static readonly string[] Paths =
    [
        "name", "type", "vendor", "vendorName", "host", "port", "ssl", "description", "credentialType", "isGlobal",
        "credentialsShared", "disableTypeInference", "credentials", "connectParams", "params",
        "connectParams.host", "connectParams.port", "connectParams.vendor", "connectParams.vendorName", "connectParams.database",
        "params.database", "params.connectStrOpts", "params.connectStringOptions",
        "credentials.0", "credentials.0.username", "credentials.0.password",
    ];

    private static readonly string Seed = Requests.SeedJson
        .Replace("<password>", Password, StringComparison.Ordinal)
        .Replace("db.example.com", "127.0.0.1", StringComparison.Ordinal);

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char, 0, 40]),
        (2, Gen.String[Gen.Char['\0', '\u001f'], 1, 20]),
        (2, Gen.OneOf(Gen.Const("postgres"), Gen.Const("jdbc"), Gen.Const("basic"), Gen.Const("127.0.0.1"), Gen.Const("5432"), Gen.Const(";a=1"), Gen.Const("?sslcert=/etc/passwd"), Gen.Const("169.254.169.254"), Gen.Const("::ffff:169.254.169.254"), Gen.Const("🙂 üñí"), Gen.Const(""))),
        (1, Gen.Int[200, 70_000].Select(n => new string('x', n))));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (2, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.Double[-1e9, 1e9].Select(d => (JsonNode?)JsonValue.Create(d))),
        (5, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (8, Leaf),
        (1, Gen.Int[0, 4].SelectMany(n => Leaf.Array[n]).Select(items => (JsonNode?)new JsonArray([.. items]))),
        (1, Gen.Int[0, 4].SelectMany(n => Gen.Select(Text, Leaf).Array[n]).Select(Object)),
        (1, Gen.Int[1, 40].Select(Nested)));

    private static readonly Gen<(byte[] Body, string? Secret)> Body = Gen.Select(Gen.Int[0, 9], Gen.Int[0, Paths.Length - 1], Value, Gen.Int[0, 99], Gen.Int[0, 5000])
        .Select(m =>
        {
            var (operation, pathIndex, value, byteChoice, cut) = m;
            var root = JsonNode.Parse(Seed)!.AsObject();
            var path = Paths[pathIndex];
            switch (operation)
            {
                case <= 4:
                    Set(root, path, value);
                    break;
                case 5:
                    Set(root, path, null, remove: true);
                    break;
                case 6:
                    Set(root, path, JsonValue.Create(Password));
                    break;
                case 7:
                    root["junk" + pathIndex] = value?.DeepClone();
                    break;
                default:
                    Set(root, path, value);
                    Set(root, Paths[(pathIndex + 7) % Paths.Length], JsonValue.Create(Password));
                    break;
            }

            // The secret is whatever the body now gives as the password (a mutation may have replaced it). Passwords
            // shorter than 4 characters are masked as whole tokens only, so they are not searched for as substrings.
            var secret = (root["credentials"] as JsonArray)?.FirstOrDefault() is JsonObject first && first["password"] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length >= 4
                ? text
                : null;
            var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
            byte[] body = byteChoice switch
            {
                < 8 => bytes[..Math.Min(cut, bytes.Length)],
                < 12 => [.. bytes.Take(cut % Math.Max(1, bytes.Length)), .. Encoding.UTF8.GetBytes("\u0000\uFFFF{[\"")],
                _ => bytes,
            };
            return (body, secret);
        });

    [Fact]
    public async Task Mutated_bodies_always_give_a_valid_v4_result_without_the_password()
    {
        var runner = RunnerFactory.Create();
        var watch = Stopwatch.StartNew();
        var count = 0;

        await Body.SampleAsync(async sample =>
        {
            var (body, secret) = sample;
            Interlocked.Increment(ref count);
            var result = await runner.DryRunAsync(body);

            result.Result.Should().BeOneOf(ConnectionDryRunOutcome.Success, ConnectionDryRunOutcome.Failure);
            if (!result.IsSuccess)
            {
                var exception = result.Reason!.Exception;
                exception.Name.Should().NotBeNullOrEmpty();
                exception.Message.Should().NotBeNullOrEmpty();
                exception.Details.Should().Be(exception.Name);
                result.Diagnostics.Kind.Should().NotBeNull();
            }
            else
            {
                result.Reason.Should().BeNull();
            }

            var json = JsonSerializer.Serialize(result);
            var root = JsonDocument.Parse(json).RootElement;
            root.GetProperty("result").GetString().Should().BeOneOf("SUCCESS", "FAILURE");
            if (secret is not null)
            {
                (root.ToString() + result.ToString()).Should().NotContain(secret, "the password never leaves the library");
            }
        }, iter: Cases, print: sample => Encoding.UTF8.GetString(sample.Body[..Math.Min(sample.Body.Length, 300)]));

        count.Should().Be(Cases);
        output.WriteLine($"{count} fuzz cases in {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_seed_body_itself_succeeds_through_the_JSON_entry_point()
    {
        var result = await RunnerFactory.Create().DryRunAsync(Encoding.UTF8.GetBytes(Seed));

        result.IsSuccess.Should().BeTrue(result.Reason?.Exception.Message);
    }

    [Fact]
    public async Task A_body_over_64_KiB_and_a_body_nested_too_deep_are_invalid_requests()
    {
        var runner = RunnerFactory.Create();

        var large = await runner.DryRunAsync(new byte[ConnectionDryRunnerExtensions.MaxRequestBytes + 1]);
        var deep = await runner.DryRunAsync(Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 30) + new string(']', 30) + "}"));

        large.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        large.Reason!.Exception.Message.Should().Be("The connection request is invalid: the request body is 65537 bytes; at most 65536 are read.");
        deep.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        deep.Reason!.Exception.Message.Should().Contain("maximum configured depth of 16");
    }

    [Fact]
    public async Task A_rejected_body_is_logged_and_counted_like_any_failed_dry_run()
    {
        using var key = new TestKeyFile();
        using var host = new DryRunHost(key.Path);
        var meters = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(host.Services);
        using var count = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(meters, "Trifacta.Connections", "trifacta.connections.dry_run.count");

        var result = await host.Runner.DryRunAsync(Encoding.UTF8.GetBytes("{ not json"));

        result.Diagnostics.Kind.Should().Be(ConnectionFailureKind.InvalidRequest);
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1002);
        count.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["trifacta.dry_run.failure_kind"].Should().Be("InvalidRequest");
    }

    private static JsonNode? Object((string Key, JsonNode? Value)[] members)
    {
        var result = new JsonObject();
        foreach (var (key, value) in members)
        {
            result[key] = value;
        }

        return result;
    }

    private static JsonNode? Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static void Set(JsonObject root, string path, JsonNode? value, bool remove = false)
    {
        var parts = path.Split('.');
        JsonNode? parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = parent is JsonArray array ? (int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture) < array.Count ? array[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)] : null) : parent?[parts[i]];
        }

        var last = parts[^1];
        switch (parent)
        {
            case JsonObject obj when remove:
                obj.Remove(last);
                break;
            case JsonObject obj:
                obj[last] = value?.DeepClone();
                break;
            case JsonArray array when int.TryParse(last, out var index) && index < array.Count:
                if (remove)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = value?.DeepClone();
                }

                break;
        }
    }
}
