using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WidthRetrain.Planner.Audit;

/// <summary>
/// One text per value: System.Text.Json with fixed options, object keys sorted (dictionaries come back from jsonb in
/// another order), no whitespace. Numbers are written in their shortest round-trip form, which survives PostgreSQL's
/// jsonb exactly, so an event read back from the store gives the same text as when it was appended.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Of(object? value) => value is null ? "null" : Sorted(JsonSerializer.SerializeToNode(value, value.GetType(), Options))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(v => Sorted(v?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
