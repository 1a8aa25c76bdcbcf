using System.Text.Json;
using WidthRetrain.Dashboard.Shared;

namespace WidthRetrain.Dashboard.Replay;

/// <summary>Reads JSON pasted into the page; an error is one line naming the field (policy.minimumGain, prices.currency, ...).</summary>
public static class PastedJson
{
    public static T? Parse<T>(string field, string? text) where T : class
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, DashboardJson.Strict) ?? throw new DashboardProblem($"{field}: null is not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            string path = e.Path is null or "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[1..] : e.Path[1..];
            throw new DashboardProblem($"{field}{path}: {Clean(e.Message, typeof(T))}");
        }
    }

    /// <summary>The serializer's message without its position suffix and namespaces: the field is named in front already.</summary>
    private static string Clean(string message, Type type)
    {
        int at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        string m = (at >= 0 ? message[..at] : message).Replace(type.FullName ?? type.Name, type.Name, StringComparison.Ordinal);
        return m.ReplaceLineEndings(" ").Trim();
    }
}
