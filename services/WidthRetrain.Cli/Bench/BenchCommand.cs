using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Bench;

public sealed class BenchCommand : Command<BenchSettings>
{
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken) => 0;
}

public sealed class BenchSettings : CommandSettings;
