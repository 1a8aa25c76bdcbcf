using WidthRetrain.Compute.Storage;

namespace WidthRetrain.Cli.Shared;

/// <summary>The checkpoint store a command uses: its --checkpoints option, else $WIDTHRETRAIN_CHECKPOINTS, else the embedded runs' folder.</summary>
public static class CheckpointLocation
{
    public static string Resolve(string? option) =>
        option ?? Environment.GetEnvironmentVariable("WIDTHRETRAIN_CHECKPOINTS") ?? StorageOptions.DefaultCheckpointDirectory;
}
