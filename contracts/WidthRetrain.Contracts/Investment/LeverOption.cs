namespace WidthRetrain.Contracts.Investment;

/// <summary>A lever other than width: experience replay (samples kept per task) or a per-task learning-rate decay factor.</summary>
public sealed record LeverOption(string Kind, double Value)
{
    public const string Replay = "replay";
    public const string LearningRateDecay = "lr-decay";
}
