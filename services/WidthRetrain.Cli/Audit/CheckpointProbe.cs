using WidthRetrain.Compute.Storage;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Checkpoints;

namespace WidthRetrain.Cli.Audit;

/// <summary>The audit's view of a checkpoint store: a file's SHA-256, or null when it is not here (pruned, or another machine's).</summary>
public static class CheckpointProbe
{
    public static Func<CheckpointRef, string?> For(string root) => c =>
    {
        try
        {
            string path = CheckpointDirectory.Confined(root, c.Path);
            return File.Exists(path) ? CheckpointStore.Sha256Of(path) : null;
        }
        catch (PermanentFailureException)
        {
            return "(a path outside the checkpoint store)"; // never matches: recorded as a finding
        }
    };
}
