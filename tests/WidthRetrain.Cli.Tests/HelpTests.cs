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
}
