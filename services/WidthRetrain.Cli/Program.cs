Console.WriteLine(WidthRetrain.Learning.Models.Probe.Run());
