namespace WidthRetrain.Contracts.Campaigns;

/// <summary>
/// What a campaign runs. Validation rules (each broken rule is reported with the field's name and what is allowed;
/// a campaign with any broken rule is refused and nothing is recorded):
/// <list type="bullet">
/// <item>name: 1..100 characters.</item>
/// <item>dataset.name: fashion-mnist, mnist, kmnist, idx or synthetic; dataset.trainLimit / testLimit: positive when given.</item>
/// <item>drift.kind: a kind that `widthretrain scenarios` lists; drift.tasks: 1..100 (class-split: at most the number of classes);
/// drift.parameters: the kind's parameters and their allowed values as `widthretrain scenarios` lists them (drift.angles and
/// drift.targetDomain are the same as parameters angles and target-domain).</item>
/// <item>widths: 1..16 distinct widths, each 1..65536.</item>
/// <item>depth: 1..8 hidden layers; activation: relu, tanh or gelu.</item>
/// <item>training.optimizer: sgd, momentum or adam; learningRate &gt; 0; batchSize &gt;= 1; epochsPerTask &gt;= 1;
/// momentum in [0, 1); replayPerTask &gt;= 0; learningRateDecayPerTask in (0, 1].</item>
/// <item>seeds: 1..32 distinct seeds.</item>
/// <item>prices: every price and power &gt;= 0, the serving device has a price, servingGflopsPerSecond &gt; 0.</item>
/// <item>budget: &gt; 0 when given.</item>
/// <item>policy (optional): when given, the campaign is a staged investment and the policy chooses the widths, so widths must be
/// empty; startWidth 1..65536, growthFactor &gt; 1, capWidth &gt;= startWidth, minimumGain &gt;= 0, returnThreshold &gt;= 0,
/// confidence in (0, 1), budget &gt; 0, targetForgetting in [0, 1], servingMillionsPerCycle &gt;= 0, levers of kind replay
/// (a whole number of samples &gt;= 1) or lr-decay (in (0, 1]). The campaign's budget, when given, overrides the policy's.</item>
/// </list>
/// </summary>
public sealed record CampaignSpec(
    string Name,
    DatasetSpec Dataset,
    DriftSpec Drift,
    IReadOnlyList<int> Widths,
    int Depth,
    string Activation,
    TrainingSpec Training,
    IReadOnlyList<long> Seeds,
    PriceBook Prices,
    double? Budget = null,
    Investment.InvestmentPolicy? Policy = null)
{
    /// <summary>
    /// The demo campaign: the paper's rotated Fashion-MNIST (a 20,000-image subset, 3 epochs per task), widths 32 to 1024,
    /// three seeds; about three minutes on 2 CPU cores.
    /// </summary>
    public static CampaignSpec Demo() => new("demo", new DatasetSpec("fashion-mnist", 20_000, 5_000), new DriftSpec(),
        [32, 64, 128, 256, 512, 1024], 1, "relu", new TrainingSpec(EpochsPerTask: 3), [1, 2, 3], PriceBook.Default);
}
