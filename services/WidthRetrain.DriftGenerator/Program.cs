using WidthRetrain.Compute;
using WidthRetrain.DriftGenerator;

return await ComputeService.RunAsync(args, "drift-generator", x => x.AddDriftGenerator());
