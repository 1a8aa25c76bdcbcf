using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WidthRetrain.Hosting.Logging;

namespace WidthRetrain.Hosting.Tests;

/// <summary>With Logging:ConsoleSources, libraries' warnings stay off the console (the CLI's progress) and reach the log file; the suite's own reach both.</summary>
public class LoggingSetupTests
{
    [Fact]
    public void LibraryWarnings_GoToTheFileOnly_TheSuitesOwnToTheConsoleToo()
    {
        string folder = Path.Combine(Path.GetTempPath(), "widthretrain-logging-test", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:ConsoleSources"] = "WidthRetrain",
            ["Logging:File"] = Path.Combine(folder, "cli-.log"),
        }).Build();
        TextWriter stderr = Console.Error;
        var console = new StringWriter();
        Console.SetError(console);
        try
        {
            using (ServiceProvider services = new ServiceCollection().AddWidthRetrainLogging(configuration, "test").BuildServiceProvider())
            {
                ILoggerFactory loggers = services.GetRequiredService<ILoggerFactory>();
                loggers.CreateLogger("Marten.Events.Daemon.Coordination.ProjectionCoordinator").LogWarning("Daemon high water detection is skipping {Range}", "1-5");
                loggers.CreateLogger("WidthRetrain.Planner.Deciding.Sample").LogWarning("the planner's own warning");
            }
        }
        finally
        {
            Console.SetError(stderr);
        }

        string file = File.ReadAllText(Directory.GetFiles(folder).Single());
        Assert.Contains("Daemon high water detection", file);
        Assert.Contains("the planner's own warning", file);
        Assert.Contains("the planner's own warning", console.ToString());
        Assert.DoesNotContain("high water", console.ToString());
        Directory.Delete(folder, recursive: true);
    }
}
