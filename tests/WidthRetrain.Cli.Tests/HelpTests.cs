using System.ComponentModel;
using System.Reflection;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Tests;

/// <summary>Every command's --help renders (option texts are console markup: a stray bracket broke `run --help`).</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    [InlineData("scenarios")]
    [InlineData("campaigns")]
    [InlineData("show")]
    [InlineData("report")]
    [InlineData("resume")]
    [InlineData("verify")]
    [InlineData("replay")]
    [InlineData("dashboard")]
    [InlineData("migrate")]
    [InlineData("prune")]
    [InlineData("asyncapi")]
    [InlineData("bench")]
    public void Help_RendersEveryOption(string command)
    {
        var (code, output) = CliRunner.Run(command, "--help");

        Assert.True(code == 0, output);
        Assert.Contains("USAGE:", output);
        Assert.DoesNotContain("error:", output);
    }

    /// <summary>Every option and argument of every command says what it is for in --help: a [Description] on each settings property.</summary>
    [Fact]
    public void EveryOptionOfEveryCommand_HasHelpText()
    {
        Type[] settings = [.. typeof(Campaigns.RunCommand).Assembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract)];
        Assert.True(settings.Length >= 15, $"only {settings.Length} settings types found");

        string[] missing = [.. settings
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.GetCustomAttribute<CommandOptionAttribute>() is not null || x.Property.GetCustomAttribute<CommandArgumentAttribute>() is not null)
            .Where(x => string.IsNullOrWhiteSpace(x.Property.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .Select(x => $"{x.Type.Name}.{x.Property.Name} ({Name(x.Property)})")
            .Distinct()];

        Assert.True(missing.Length == 0, "options without a [Description]: " + string.Join(", ", missing));
    }

    private static string Name(PropertyInfo p) => p.GetCustomAttribute<CommandOptionAttribute>() is { } o
        ? string.Join("|", o.LongNames.Select(n => "--" + n).Concat(o.ShortNames.Select(n => "-" + n)))
        : p.GetCustomAttribute<CommandArgumentAttribute>()!.ValueName;
}
