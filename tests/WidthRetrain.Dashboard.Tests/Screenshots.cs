namespace WidthRetrain.Dashboard.Tests;

/// <summary>Where the browser tests save a PNG per page: $WIDTHRETRAIN_SCREENSHOTS, else TestResults/dashboard-screenshots beside the tests.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Create();

    private static string Create()
    {
        string dir = Environment.GetEnvironmentVariable("WIDTHRETRAIN_SCREENSHOTS") is { Length: > 0 } d
            ? d
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-screenshots");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public static string PathOf(string name) => Path.Combine(Directory, name + ".png");
}
