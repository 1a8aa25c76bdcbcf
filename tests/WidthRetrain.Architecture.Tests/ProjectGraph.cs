using System.Xml.Linq;

namespace WidthRetrain.Architecture.Tests;

/// <summary>The product's projects (not the tests) with their direct project and package references, read from the .csproj files.</summary>
public sealed record ProjectGraph(IReadOnlyDictionary<string, (IReadOnlyList<string> Projects, IReadOnlyList<string> Packages)> Nodes)
{
    public static string Root { get; } = FindRoot();

    public static ProjectGraph Load()
    {
        var nodes = new Dictionary<string, (IReadOnlyList<string>, IReadOnlyList<string>)>();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "services"), "*.csproj", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(Root, "contracts"), "*.csproj", SearchOption.AllDirectories)))
        {
            XDocument doc = XDocument.Load(file);
            string[] projects = doc.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToArray();
            string[] packages = doc.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value).ToArray();
            nodes[Path.GetFileNameWithoutExtension(file)] = (projects, packages);
        }
        return new ProjectGraph(nodes);
    }

    /// <summary>Every project reachable from <paramref name="project"/> through project references, itself included.</summary>
    public IReadOnlySet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([project]);
        while (stack.TryPop(out string? p))
            if (seen.Add(p) && Nodes.TryGetValue(p, out var node))
                foreach (string r in node.Projects) stack.Push(r);
        return seen;
    }

    /// <summary>Every package <paramref name="project"/> gets, directly or through the projects it references.</summary>
    public IEnumerable<string> PackagesOf(string project) =>
        Closure(project).SelectMany(p => Nodes.TryGetValue(p, out var n) ? n.Packages : []).Distinct();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WidthRetrain.sln"))) return dir.FullName;
        throw new InvalidOperationException($"WidthRetrain.sln not found above {AppContext.BaseDirectory}");
    }
}
