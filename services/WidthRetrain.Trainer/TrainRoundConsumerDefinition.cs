using WidthRetrain.Compute;

namespace WidthRetrain.Trainer;

/// <summary>One training at a time per process; scale out with more trainers on the same queue.</summary>
public sealed class TrainRoundConsumerDefinition : OneAtATimeConsumerDefinition<TrainRoundConsumer>;
