using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Learning.Tests.Drift;

/// <summary>Kinds, parameters, validation and the task cache key all come from the scenarios' own definitions.</summary>
public sealed class ScenarioDefinitionTests
{
    private static readonly DatasetRequest Data = new(DatasetLoader.Synthetic, TrainLimit: 100, TestLimit: 20, Seed: 4);

    [Fact]
    public void EveryScenarioRecord_DeclaresADefinition_AndTheKindsListFollowsThem()
    {
        Type[] records = [.. typeof(DriftScenario).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DriftScenario)) && !t.IsAbstract)];

        Assert.Equal(records.Length, DriftScenarios.Definitions.Count);
        Assert.Equal(DriftScenarios.Definitions.Select(d => d.Kind), DriftScenarios.Kinds);
        Assert.Equal([DriftScenarios.Rotation, DriftScenarios.Permutation, DriftScenarios.ClassSplit, DriftScenarios.GradualShift], DriftScenarios.Kinds.Take(4));
        Assert.All(DriftScenarios.Definitions, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Help), d.Kind);
            Assert.Equal(d.Kind, d.Create(new ScenarioArguments(2, 10, new Dictionary<string, string>())).Kind);
            Assert.All(d.Parameters, p => Assert.Null(p.Default is null ? null : p.Problem(p.Default)));
        });
    }

    [Fact]
    public void TheOlderFields_AndTheParametersMap_MeanTheSame()
    {
        var byField = new ScenarioSpec(DriftScenarios.GradualShift, 3, TargetDomain: GradualShiftScenario.Rotate90);
        var byMap = new ScenarioSpec(DriftScenarios.GradualShift, 3, Parameters: new Dictionary<string, string> { ["target-domain"] = "rotate-90" });
        Assert.Equal(DriftScenarios.Create(byField), DriftScenarios.Create(byMap));
        Assert.Equal(TaskSequenceKey.Of(Data, byField, 1), TaskSequenceKey.Of(Data, byMap, 1));

        var angles = new ScenarioSpec(DriftScenarios.Rotation, null, Angles: [0, 45.0]);
        var anglesMap = new ScenarioSpec(" Rotation ", null, Parameters: new Dictionary<string, string> { ["angles"] = "0, 45" });
        Assert.Equal([0, 45], ((RotationScenario)DriftScenarios.Create(anglesMap)).AnglesDegrees);
        Assert.Equal(DriftScenarios.Normalised(angles).Parameters, DriftScenarios.Normalised(anglesMap).Parameters);
        Assert.Equal("0,45", DriftScenarios.Normalised(anglesMap).Parameters!["angles"]);
        Assert.Equal(TaskSequenceKey.Of(Data, angles, 1), TaskSequenceKey.Of(Data, anglesMap, 1));
    }

    [Fact]
    public void Normalised_FillsInDefaults_SoEqualScenariosShareOneCacheKey()
    {
        var implicitTarget = new ScenarioSpec(DriftScenarios.GradualShift, 3);
        var explicitTarget = new ScenarioSpec("gradual-shift", 3, TargetDomain: GradualShiftScenario.Invert);

        Assert.Equal("invert", DriftScenarios.Normalised(implicitTarget).Parameters!["target-domain"]);
        Assert.Equal(TaskSequenceKey.Of(Data, implicitTarget, 1), TaskSequenceKey.Of(Data, explicitTarget, 1));
        Assert.Matches("^[0-9a-f]{64}$", TaskSequenceKey.Of(Data, implicitTarget, 1));
    }

    [Fact]
    public void ARecordedTargetDomainBesideAnotherKind_IsIgnoredAsItAlwaysWas()
    {
        // `run --spec gradual.json --scenario rotation` recorded the file's target domain beside rotation; such campaigns must resume.
        var recorded = new ScenarioSpec(DriftScenarios.Rotation, 3, TargetDomain: GradualShiftScenario.Invert);
        Assert.Empty(DriftScenarios.Problems(recorded));
        Assert.Equal(TaskSequenceKey.Of(Data, recorded with { TargetDomain = null }, 1), TaskSequenceKey.Of(Data, recorded, 1));
        // The map is new: a parameter the kind does not take is still refused there.
        Assert.Contains("target-domain: only the gradual-shift scenario takes target-domain, not rotation",
            DriftScenarios.Problems(recorded with { TargetDomain = null, Parameters = new Dictionary<string, string> { ["target-domain"] = "invert" } }));
    }

    [Fact]
    public void TheCacheKey_TellsApartEveryPartOfTheRecipe()
    {
        var spec = new ScenarioSpec(DriftScenarios.GradualShift, 3);
        string key = TaskSequenceKey.Of(Data, spec, 1);
        string[] others =
        [
            TaskSequenceKey.Of(Data, spec with { TargetDomain = GradualShiftScenario.Rotate90 }, 1),
            TaskSequenceKey.Of(Data, spec with { Tasks = 4 }, 1),
            TaskSequenceKey.Of(Data, spec with { Kind = DriftScenarios.Permutation }, 1),
            TaskSequenceKey.Of(Data, spec, 2),
            TaskSequenceKey.Of(Data with { TrainLimit = 101 }, spec, 1),
            TaskSequenceKey.Of(Data with { TestLimit = 21 }, spec, 1),
            TaskSequenceKey.Of(Data with { Name = DatasetLoader.FashionMnist }, spec, 1),
        ];
        Assert.DoesNotContain(key, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void BadParameters_AreNamed_WithWhoTakesThemAndWhatIsAllowed()
    {
        IReadOnlyList<string> p = DriftScenarios.Problems(new ScenarioSpec(DriftScenarios.Permutation, 3,
            Parameters: new Dictionary<string, string> { ["target-domain"] = "invert", ["colour"] = "red" }));
        Assert.Contains("target-domain: only the gradual-shift scenario takes target-domain, not permutation", p);
        Assert.Contains("colour: permutation takes no such parameter; it takes: none", p);

        p = DriftScenarios.Problems(new ScenarioSpec(DriftScenarios.Rotation, null, Parameters: new Dictionary<string, string> { ["angles"] = "0,left" }));
        Assert.Contains("angles: every angle must be a finite number of degrees", p);
        Assert.Contains("tasks: must be at least 1, got nothing", p);

        p = DriftScenarios.Problems(new ScenarioSpec(DriftScenarios.GradualShift, 3, TargetDomain: "invert",
            Parameters: new Dictionary<string, string> { ["target-domain"] = "rotate-90" }));
        Assert.Contains("target-domain: given both as a field (invert) and as a parameter (rotate-90); give it once", p);

        Assert.Throws<ArgumentException>(() => TaskSequenceKey.Of(Data, new ScenarioSpec("spin"), 1));
    }
}
