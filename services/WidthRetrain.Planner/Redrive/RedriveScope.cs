namespace WidthRetrain.Planner.Redrive;

/// <summary>
/// Which running campaigns this planner watches: all of them (a deployed planner), or only those added here (the
/// CLI's embedded planner watches the campaign it runs, and leaves older interrupted ones to `resume`).
/// </summary>
public sealed class RedriveScope
{
    private readonly HashSet<Guid>? only;

    private RedriveScope(HashSet<Guid>? only) => this.only = only;

    public static RedriveScope All() => new(null);

    public static RedriveScope Listed() => new([]);

    public void Add(Guid campaignId)
    {
        if (only is null) return;
        lock (only) only.Add(campaignId);
    }

    public IReadOnlyList<Guid> Filter(IEnumerable<Guid> running)
    {
        if (only is null) return [.. running];
        lock (only) return [.. running.Where(only.Contains)];
    }
}
