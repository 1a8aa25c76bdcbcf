using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Evidence;
using WidthRetrain.Learning.Evaluation;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Planning;

/// <summary>
/// Reduces a stage's completed rounds to evidence. Pure: from the recorded RoundCompleted events only, so replay
/// can recompute it without training. Per arm and seed the rows form the accuracy matrix; the metrics are the
/// learning core's; training cost includes the energy of training and evaluation.
/// </summary>
public static class StageConclusion
{
    public static IReadOnlyList<ArmEvidence> Evidence(IEnumerable<RoundCompleted> rounds) =>
        StageEvidenceBuilder.Build(Outcomes(rounds));

    public static IEnumerable<SeedOutcome> Outcomes(IEnumerable<RoundCompleted> rounds) =>
        rounds.GroupBy(r => (r.Round.Arm, r.Round.Width, r.Round.Seed)).Select(g =>
        {
            RoundCompleted[] chain = g.OrderBy(r => r.Round.TaskIndex).ToArray();
            int t = chain[0].Round.TaskCount;
            if (chain.Length != t || chain.Select(r => r.Round.TaskIndex).Where((k, i) => k != i).Any())
                throw new InvalidOperationException($"arm {g.Key.Arm} seed {g.Key.Seed}: {chain.Length} of {t} rounds recorded");
            var matrix = new AccuracyMatrix(chain.Select(r => r.Accuracy.ToArray()).ToArray());
            ContinualMetrics m = ContinualMetricsCalculator.Compute(matrix, chain[0].RandomInitAccuracy);
            RoundCost last = chain[^1].Cost;
            return new SeedOutcome(g.Key.Arm, g.Key.Width, g.Key.Seed, m.AverageAccuracy, m.ForgettingPaper, m.ForgettingChaudhry,
                m.LearningAccuracy, m.BackwardTransfer, m.ForwardTransfer,
                chain.Sum(r => r.Cost.TrainingDeviceCost + r.Cost.EnergyCost), chain.Sum(r => r.Cost.EvaluationDeviceCost),
                last.ServingCostPerMillion, chain.Sum(r => r.TrainDeviceSeconds + r.EvalDeviceSeconds));
        });
}
