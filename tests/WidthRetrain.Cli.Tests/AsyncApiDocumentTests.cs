using System.Text.Json.Nodes;
using WidthRetrain.Cli.Contracts;
using WidthRetrain.Contracts.Subscribing;

namespace WidthRetrain.Cli.Tests;

/// <summary>
/// docs/asyncapi.json is what the code says (regenerated here and compared), is valid AsyncAPI 3.0 (the official
/// schema from @asyncapi/specs 6.11.1, checked offline with Debian's python3-jsonschema), and every reference in it resolves.
/// </summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly string Repo = FindRepo();
    private static readonly string Committed = Path.Combine(Repo, "docs", "asyncapi.json");

    [Fact]
    public void TheCommittedDocument_IsWhatTheCodeGenerates()
    {
        string generated = AsyncApiDocument.Generate();
        Assert.True(File.ReadAllText(Committed) == generated,
            "docs/asyncapi.json differs from the contracts: run `dotnet run --project services/WidthRetrain.Cli -- asyncapi --out docs/asyncapi.json` and commit it");
    }

    [Fact]
    public void TheDocument_IsValidAsyncApi3_AndABrokenOneIsNot()
    {
        Assert.Equal((0, "valid"), Validate(AsyncApiDocument.Generate()));
        // The validator is live: an operation without its channel is refused, naming where.
        JsonObject broken = JsonNode.Parse(AsyncApiDocument.Generate())!.AsObject();
        broken["operations"]!["planner.receive.StartCampaign"]!.AsObject().Remove("channel");
        var (code, output) = Validate(broken.ToJsonString());
        Assert.Equal(1, code);
        Assert.Contains("$.operations.planner.receive.StartCampaign: 'channel' is a required property", output);
    }

    [Fact]
    public void EveryReferenceResolves_EveryMessageIsDescribed_AndEveryCommandHasAProducerAndAConsumer()
    {
        JsonNode doc = JsonNode.Parse(AsyncApiDocument.Generate(prefix: "p1"))!;
        var refs = new List<string>();
        Collect(doc, refs);
        Assert.NotEmpty(refs);
        foreach (string r in refs.Distinct())
            Assert.True(Resolve(doc, r) is not null, $"{r} does not resolve");

        JsonObject messages = doc["components"]!["messages"]!.AsObject();
        Assert.Equal(AsyncApiDocument.Messages.Select(t => t.Name).Order(), messages.Select(m => m.Key).Order());
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m.Value!["summary"]!.GetValue<string>()), m.Key));
        JsonObject operations = doc["operations"]!.AsObject();
        foreach (Type t in AsyncApiDocument.Messages.Where(t => !SubscriberEvents.IsSubscriberEvent(t)))
        {
            Assert.Contains(operations, o => o.Key.EndsWith($".send.{t.Name}", StringComparison.Ordinal));
            Assert.Contains(operations, o => o.Key.EndsWith($".receive.{t.Name}", StringComparison.Ordinal) && o.Value!["x-queue"]!.GetValue<string>().StartsWith("p1-", StringComparison.Ordinal));
            Assert.Equal($"p1.{t.Namespace}:{t.Name}", doc["channels"]![t.Name]!["address"]!.GetValue<string>());
        }
        Assert.Equal("p1.widthretrain.events", doc["channels"]!["events"]!["address"]!.GetValue<string>());
        Assert.Equal("topic", doc["channels"]!["events"]!["bindings"]!["amqp"]!["exchange"]!["type"]!.GetValue<string>());
        Assert.Equal(SubscriberEvents.All.Count, doc["channels"]!["events"]!["messages"]!.AsObject().Count);
        // Units and allowed values reach the schemas: enums by name, descriptions from the contracts' documentation.
        JsonNode decision = doc["components"]!["schemas"]!["InvestmentDecision"]!;
        Assert.Contains("Widen", decision["properties"]!["action"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("fraction", doc["components"]!["schemas"]!["RoundRecorded"]!["description"]!.GetValue<string>());
        Assert.Contains("currency", doc["components"]!["schemas"]!["InvestmentPolicy"]!["properties"]!["budget"]!["description"]!.GetValue<string>());
        // The values the planner's validation allows, from the same lists.
        Assert.Equal(WidthRetrain.Learning.Drift.DriftScenarios.Kinds,
            doc["components"]!["schemas"]!["DriftSpec"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(WidthRetrain.Learning.Data.DatasetLoader.Names,
            doc["components"]!["schemas"]!["DatasetSpec"]!["properties"]!["name"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(65_536, doc["components"]!["schemas"]!["CampaignSpec"]!["properties"]!["widths"]!["items"]!["maximum"]!.GetValue<int>());
    }

    private static void Collect(JsonNode? node, List<string> refs)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o)
            {
                if (k == "$ref") refs.Add(v!.GetValue<string>());
                else Collect(v, refs);
            }
        else if (node is JsonArray a)
            foreach (JsonNode? v in a) Collect(v, refs);
    }

    private static JsonNode? Resolve(JsonNode doc, string reference)
    {
        Assert.StartsWith("#/", reference);
        JsonNode? at = doc;
        foreach (string part in reference[2..].Split('/'))
            at = at is JsonObject o && o.TryGetPropertyValue(part.Replace("~1", "/").Replace("~0", "~"), out JsonNode? next) ? next : null;
        return at;
    }

    private static (int Code, string Output) Validate(string document)
    {
        string file = Path.Combine(Path.GetTempPath(), $"asyncapi-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, document);
        try
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "AsyncApi");
            var (code, output) = ProcessRunner.Run("/usr/bin/python3", [Path.Combine(dir, "validate.py"), Path.Combine(dir, "asyncapi-3.0.0.schema.json"), file],
                null, TimeSpan.FromMinutes(2), "the AsyncAPI validator");
            return (code, output.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WidthRetrain.sln"))) return dir.FullName;
        throw new InvalidOperationException("no WidthRetrain.sln above " + AppContext.BaseDirectory);
    }
}
