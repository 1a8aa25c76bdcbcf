using WidthRetrain.Compute;
using WidthRetrain.Trainer;

return await ComputeService.RunAsync(args, "trainer", x => x.AddTrainer());
