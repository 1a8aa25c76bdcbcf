using WidthRetrain.Compute;
using WidthRetrain.Evaluator;

return await ComputeService.RunAsync(args, "evaluator", x => x.AddEvaluator());
