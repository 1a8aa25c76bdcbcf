using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Dashboard.Accuracy;

/// <summary>The accuracy heat maps of a campaign, from its RoundView read models (each evaluated round is one row of its arm's matrix). Pure.</summary>
public static class AccuracyMatrices
{
    public static IReadOnlyList<AccuracyMatrixView> Of(IEnumerable<RoundView> rounds, int tasks) =>
        [.. rounds.Where(r => r.Accuracy is { Count: > 0 }).GroupBy(r => (r.Stage, r.Arm)).OrderBy(g => g.Key.Stage).ThenBy(g => g.First().Width)
            .Select(g => Matrix(g.Key.Stage, g.Key.Arm, [.. g], tasks))];

    private static AccuracyMatrixView Matrix(int stage, string arm, RoundView[] rounds, int tasks)
    {
        int t = Math.Max(tasks, rounds.Max(r => Math.Max(r.TaskIndex + 1, r.Accuracy!.Count)));
        var cells = new double?[t][];
        for (int i = 0; i < t; i++)
        {
            RoundView[] row = [.. rounds.Where(r => r.TaskIndex == i)];
            cells[i] = [.. Enumerable.Range(0, t).Select(j => row.Where(r => j < r.Accuracy!.Count).Select(r => r.Accuracy![j]).ToArray() is { Length: > 0 } v ? v.Average() : (double?)null)];
        }
        return new AccuracyMatrixView(stage, arm, rounds[0].Width, rounds.Select(r => r.Seed).Distinct().Count(), t, cells);
    }
}
