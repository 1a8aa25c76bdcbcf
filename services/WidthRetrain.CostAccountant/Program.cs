using WidthRetrain.CostAccountant;
using WidthRetrain.Hosting;

return await ServiceHost.RunServiceAsync(args, "cost-accountant", x => x.AddCostAccountant());
