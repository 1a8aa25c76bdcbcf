using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Contracts.Rounds;

/// <summary>One arm of a stage: a model (width, depth, activation) trained one way. Its name is unique in the campaign.</summary>
public sealed record ArmSpec(string Name, int Width, int Depth, string Activation, TrainingSpec Training);
