using Spectre.Console.Cli;
using WidthRetrain.Cli.Sweep;

namespace WidthRetrain.Cli.Contracts;

/// <summary>`widthretrain asyncapi`: the suite's message contracts as an AsyncAPI 3.0 document.</summary>
public sealed class AsyncApiCommand : Command<AsyncApiSettings>
{
    public override int Execute(CommandContext context, AsyncApiSettings settings, CancellationToken cancellationToken)
    {
        string document = AsyncApiDocument.Generate(settings.Prefix, settings.VirtualHost);
        if (settings.Out is { } path)
        {
            SweepCommand.WriteAllTextCreatingFolder(path, document);
            Console.WriteLine($"wrote {path}");
        }
        else Console.Write(document);
        return 0;
    }
}
