namespace WidthRetrain.Faults.Tests;

/// <summary>Paths in the repository: the built services (infra/test.sh builds the solution first) and the infra scripts.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ServiceDll(string project) =>
        Path.Combine(Root, "services", project, "bin", "Release", "net10.0", project + ".dll") is var dll && File.Exists(dll)
            ? dll : throw new FileNotFoundException($"{dll} is not built; build the solution in Release first (infra/test.sh does)");

    public static string Script(string name) => Path.Combine(Root, "infra", "local", name);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "WidthRetrain.sln"))) return d.FullName;
        throw new InvalidOperationException("WidthRetrain.sln not found above " + AppContext.BaseDirectory);
    }
}
