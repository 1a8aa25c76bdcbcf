using System.Text.Json;
using System.Text.Json.Serialization;

namespace WidthRetrain.Dashboard.Shared;

/// <summary>The JSON of the dashboard's API: camelCase, enums as kebab-case strings, and named infinities (an unbounded return).</summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>
    /// What a pasted policy or price book is read with: the CLI's rules (unknown fields refused, numbers as numbers)
    /// and every constructor parameter without a default required, so a missing field is named rather than left null.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
