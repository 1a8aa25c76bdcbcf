using System.Reflection;

namespace WidthRetrain.Dashboard.Api;

/// <summary>The pages, styles and scripts, embedded in this assembly (nothing from a CDN: the dashboard works offline).</summary>
public static class DashboardAssets
{
    private static readonly Assembly Self = typeof(DashboardAssets).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IResult Serve(string name)
    {
        // Only names of embedded files are looked up: no path reaches the file system.
        Stream? stream = Self.GetManifestResourceStream("assets/" + name);
        if (stream is null) return Results.NotFound();
        return Results.Stream(stream, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"));
    }

    public static IEnumerable<string> Names => Self.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)).Select(n => n["assets/".Length..]);
}
