namespace WidthRetrain.Planner.State;

/// <summary>The steps of a round, in order, each done by one service.</summary>
public enum RoundStep
{
    Train,
    Evaluate,
    Price,
}
