namespace WidthRetrain.Contracts.Tasks;

/// <summary>The task sequence of a campaign, one per seed (the seed fixes subsets and transforms).</summary>
public sealed record TasksReleased(Guid CampaignId, IReadOnlyList<SeedTasks> Sequences) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
