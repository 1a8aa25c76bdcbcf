using System.Text.Json;
using System.Text.Json.Serialization;

namespace WidthRetrain.Cli.Shared;

/// <summary>The JSON shape of every file the tool writes: indented, camelCase, enums as strings.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
