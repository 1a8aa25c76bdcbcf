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
            string path = e.Path is null or "$" ? "" : e.Path[1..];
            string message = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) && Expected(typeof(T), path) is { } expected
                ? $"must be {expected}"
                : Clean(e.Message, typeof(T));
            throw new DashboardProblem($"{field}{path}: {message}");
        }
    }

    /// <summary>What a top-level field takes, in words, from its type (the serializer names only the record).</summary>
    private static string? Expected(Type type, string path)
    {
        string name = path.TrimStart('.').Split('.', '[')[0];
        Type? t = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
        if (t is null) return null;
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (path.TrimStart('.').Contains('.') || path.Contains('[')) return null;
        return t == typeof(double) ? "a number" : t == typeof(int) || t == typeof(long) ? "a whole number" : t == typeof(bool) ? "true or false"
            : t == typeof(string) ? "text" : t.IsGenericType ? "a JSON object or list as documented in docs/campaign-spec.md" : null;
    }

    /// <summary>The serializer's message without its position suffix and namespaces: the field is named in front already.</summary>
    private static string Clean(string message, Type type)
    {
        int at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        string m = (at >= 0 ? message[..at] : message).Replace(type.FullName ?? type.Name, type.Name, StringComparison.Ordinal);
        return m.ReplaceLineEndings(" ").Trim();
    }
}
