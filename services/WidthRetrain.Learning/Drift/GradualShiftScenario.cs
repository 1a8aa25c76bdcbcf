using TorchSharp;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Gradual covariate shift between two domains: in task t a fraction p_t = t / (T - 1) of the samples, chosen
/// at random from (seed, t, split), comes from the target domain (inverted or quarter-turned images), the rest
/// from the source domain. Task 0 is all source, the last task all target; labels unchanged.
/// </summary>
public sealed record GradualShiftScenario(int Tasks, string TargetDomain) : DriftScenario
{
    public const string Invert = "invert";
    public const string Rotate90 = "rotate-90";
    public static IReadOnlyList<string> TargetDomains { get; } = [Invert, Rotate90];

    public static ScenarioParameter<string> Target { get; } = ScenarioParameter.Choice("target-domain",
        "the domain the tasks shift to: inverted or quarter-turned images", TargetDomains, Invert);

    public static ScenarioDefinition Definition { get; } = new(DriftScenarios.GradualShift,
        "a seeded fraction t/(T-1) of task t's samples comes from the target domain",
        ListPosition: 4, [Target], a => new GradualShiftScenario(a.Tasks, a.Get(Target)));

    public override string Kind => Definition.Kind;
    public override int TaskCount => Tasks;
    public double TargetFraction(int taskIndex) => Tasks == 1 ? 0 : (double)taskIndex / (Tasks - 1);
    public override string Describe(int taskIndex) => $"{TargetFraction(taskIndex):P0} {TargetDomain}";

    public override (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train)
    {
        CheckIndex(taskIndex);
        using var scope = NewDisposeScope();
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar one = 1, fraction = TargetFraction(taskIndex);
        Tensor target = TargetDomain switch
        {
            Invert => one - images,
            Rotate90 => RotationScenario.Rotate(images, 90),
            _ => throw new ArgumentException($"target-domain: unknown value '{TargetDomain}'; allowed: {string.Join(", ", TargetDomains)}"),
        };
        using var gen = new Generator(StreamSeed(seed, taskIndex, train, salt: 2));
        Tensor pick = (rand([images.shape[0]], generator: gen) < fraction).view(-1, 1, 1);
        return (where(pick, target, images).MoveToOuterDisposeScope(), labels.clone().MoveToOuterDisposeScope());
    }
}
