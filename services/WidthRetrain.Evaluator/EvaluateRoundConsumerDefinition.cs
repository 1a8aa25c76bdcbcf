using WidthRetrain.Compute;

namespace WidthRetrain.Evaluator;

/// <summary>One evaluation at a time per process: evaluation is CPU-bound like training.</summary>
public sealed class EvaluateRoundConsumerDefinition : OneAtATimeConsumerDefinition<EvaluateRoundConsumer>;
