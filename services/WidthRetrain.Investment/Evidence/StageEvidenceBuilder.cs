using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Investment.Evidence;

/// <summary>Reduces the per-seed outcomes of a stage to one <see cref="ArmEvidence"/> per arm (ordered by width).</summary>
public static class StageEvidenceBuilder
{
    public static IReadOnlyList<ArmEvidence> Build(IEnumerable<SeedOutcome> outcomes) =>
        outcomes.GroupBy(o => (o.Arm, o.Width)).OrderBy(g => g.Key.Width).ThenBy(g => g.Key.Arm, StringComparer.Ordinal)
            .Select(g => new ArmEvidence(g.Key.Arm, g.Key.Width, g.Count(),
                EstimateCalculator.Required(g.Select(o => o.AverageAccuracy)),
                EstimateCalculator.Required(g.Select(o => o.Forgetting)),
                EstimateCalculator.Of(g.Select(o => o.ForgettingChaudhry)),
                EstimateCalculator.Required(g.Select(o => o.LearningAccuracy)),
                EstimateCalculator.Of(g.Select(o => o.BackwardTransfer)),
                EstimateCalculator.Of(g.Select(o => o.ForwardTransfer)),
                g.Sum(o => o.TrainingCost), g.Sum(o => o.EvaluationCost), g.Average(o => o.ServingCostPerMillion), g.Sum(o => o.DeviceSeconds)))
            .ToArray();
}
