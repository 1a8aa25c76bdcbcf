namespace WidthRetrain.Contracts.Tasks;

/// <summary>The tasks of one seed, in order.</summary>
public sealed record SeedTasks(long Seed, IReadOnlyList<TaskSpec> Tasks);
