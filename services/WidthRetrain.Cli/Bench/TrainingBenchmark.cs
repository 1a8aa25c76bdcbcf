using System.Diagnostics;
using WidthRetrain.Learning;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// Measures the trainer (<see cref="SiblingLearner"/>, the code path sweeps and campaigns use) training one model
/// alone and a group of sibling models stacked, against one model trained with TorchSharp's modules (the trainer before
/// sibling groups: Linear modules, shuffled index_select batches, TorchSharp's SGD), a bare loop doing one model's
/// work by hand (the same shuffled gathers, F.linear on raw tensors, in-place SGD) and the matrix products of one step
/// alone.
/// </summary>
public static class TrainingBenchmark
{
    private const double LearningRate = 0.01;

    /// <summary>
    /// Measures one (width, batch). With <paramref name="threads"/> null, each path runs as the product runs it: the
    /// trainer, the bare loop and the matmuls on <see cref="TorchRuntime.ThreadsFor"/>'s threads for this model, the
    /// module path (the trainer before) on all cores, its default then.
    /// </summary>
    public static BenchPoint Measure(int width, int depth, int batch, int group, double seconds, int repeats, int? threads = null)
    {
        var spec = new MlpSpec(784, width, depth, 10);
        int trainerThreads = TorchRuntime.ThreadsFor(spec, threads), moduleThreads = threads ?? Environment.ProcessorCount;
        TorchRuntime.Configure(trainerThreads);
        double stepFlops = ModelCost.TrainFlopsPerSample(spec) * (double)batch + ModelCost.OptimizerFlopsPerStep(spec, OptimizerKind.Sgd);

        // Calibrate the number of steps from a short warm-up of the bare loop.
        double warm = Bare(spec, batch, 10);
        long steps = Math.Clamp((long)(seconds / warm), 10, 200_000);

        var alone = new List<double>();
        var grouped = new List<double>();
        var modules = new List<double>();
        var bare = new List<double>();
        long growth = 0;
        for (int r = 0; r < repeats; r++)
        {
            bare.Add(Bare(spec, batch, steps));
            TorchRuntime.Configure(moduleThreads);
            modules.Add(PlainModules(spec, batch, steps));
            TorchRuntime.Configure(trainerThreads);
            var (perStep, grew) = Trainer(spec, batch, steps, 1);
            alone.Add(perStep);
            growth = Math.Max(growth, grew);
            // A group's step trains every sibling once; fewer steps keep the measurement near the same duration.
            (perStep, grew) = Trainer(spec, batch, Math.Max(10, steps / group), group);
            grouped.Add(perStep);
            growth = Math.Max(growth, grew);
        }
        double aloneStep = Median(alone), groupStep = Median(grouped);
        double matmul = MatmulGflops(spec, batch, seconds, repeats);
        return new BenchPoint(width, batch, ModelCost.Parameters(spec), aloneStep * 1e6, Median(bare) * 1e6, batch / aloneStep,
            stepFlops / aloneStep / 1e9, matmul, growth)
        {
            Group = group,
            GroupMicrosecondsPerStep = groupStep * 1e6,
            GroupSamplesPerSecond = (double)group * batch / groupStep,
            GroupGflops = group * stepFlops / groupStep / 1e9,
            ModulesSamplesPerSecond = batch / Median(modules),
            Threads = trainerThreads,
            ModulesThreads = moduleThreads,
        };
    }

    /// <summary>GFLOP/s of one large square matmul: the machine's best case, for reference.</summary>
    public static double SquareMatmulGflops(int n, double seconds)
    {
        using Tensor a = rand(n, n), b = rand(n, n);
        for (int i = 0; i < 2; i++) a.mm(b).Dispose();
        long iterations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            a.mm(b).Dispose();
            iterations++;
        }
        return 2.0 * n * n * n * iterations / clock.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>Seconds per step of <paramref name="group"/> sibling models trained as one (each on its own data).</summary>
    private static (double SecondsPerStep, long LiveTensorGrowth) Trainer(MlpSpec spec, int batch, long steps, int group)
    {
        long[] seeds = Enumerable.Range(1, group).Select(g => (long)g).ToArray();
        var tasks = seeds.Select(s => RandomTask(steps * batch, seed: s)).ToArray();
        var warm = seeds.Select(s => RandomTask(20L * batch, seed: s + 100)).ToArray();
        try
        {
            using var learner = new SiblingLearner(spec, new TrainingSettings(OptimizerKind.Sgd, LearningRate, batch, EpochsPerTask: 1), seeds);
            learner.TrainOn(warm);
            long before = TorchRuntime.LiveTensors;
            var clock = Stopwatch.StartNew();
            learner.TrainOn(tasks);
            return (clock.Elapsed.TotalSeconds / steps, TorchRuntime.LiveTensors - before);
        }
        finally
        {
            foreach (TaskData t in tasks.Concat(warm)) t.Dispose();
        }
    }

    /// <summary>Seconds per step of one model on TorchSharp's modules: the trainer's loop before sibling groups.</summary>
    private static double PlainModules(MlpSpec spec, int batch, long steps)
    {
        using TaskData task = RandomTask(steps * batch, seed: 1);
        using var model = new Mlp(spec, 1);
        using var sgd = optim.SGD(model.parameters(), LearningRate);
        using var gen = new Generator(3);
        using Tensor order = randperm(steps * batch, generator: gen);
        model.train();
        var clock = Stopwatch.StartNew();
        for (long s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            Tensor idx = order.narrow(0, s * batch, batch);
            Tensor x = task.TrainX.index_select(0, idx), y = task.TrainY.index_select(0, idx);
            sgd.zero_grad();
            Tensor loss = F.cross_entropy(model.forward(x), y);
            loss.backward();
            sgd.step();
        }
        return clock.Elapsed.TotalSeconds / steps;
    }

    private static double Bare(MlpSpec spec, int batch, long steps)
    {
        using TaskData task = RandomTask(steps * batch, seed: 1);
        random.manual_seed(1);
        var shapes = spec.LayerShapes();
        var weights = shapes.Select(s => (rand(s.Out, s.In) / 30).requires_grad_()).ToArray();
        var biases = shapes.Select(s => zeros(s.Out).requires_grad_()).ToArray();
        Tensor[] parameters = [.. weights, .. biases];
        using var gen = new Generator(3);
        using Tensor order = randperm(steps * batch, generator: gen);
        try
        {
            var clock = Stopwatch.StartNew();
            for (long s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                Tensor idx = order.narrow(0, s * batch, batch);
                Tensor h = task.TrainX.index_select(0, idx);
                for (int l = 0; l < shapes.Count; l++)
                {
                    h = F.linear(h, weights[l], biases[l]);
                    if (l < shapes.Count - 1) h = F.relu(h);
                }
                Tensor loss = F.cross_entropy(h, task.TrainY.index_select(0, idx));
                loss.backward();
                using (no_grad())
                {
                    foreach (Tensor p in parameters)
                    {
                        p.add_(p.grad!, alpha: -LearningRate);
                        p.grad!.zero_();
                    }
                }
            }
            return clock.Elapsed.TotalSeconds / steps;
        }
        finally
        {
            foreach (Tensor p in parameters) p.Dispose();
        }
    }

    /// <summary>The matrix products of one SGD step (forward, weight gradients, input gradients but the first layer's) alone.</summary>
    private static double MatmulGflops(MlpSpec spec, int batch, double seconds, int repeats)
    {
        var shapes = spec.LayerShapes();
        var x = shapes.Select(s => rand(batch, s.In)).ToArray();
        var w = shapes.Select(s => rand(s.Out, s.In)).ToArray();
        var g = shapes.Select(s => rand(batch, s.Out)).ToArray();
        double flopsPerStep = shapes.Sum(s => 2.0 * batch * s.In * s.Out) * 2 + shapes.Skip(1).Sum(s => 2.0 * batch * s.In * s.Out);
        try
        {
            void Step()
            {
                using var scope = NewDisposeScope();
                for (int l = 0; l < shapes.Count; l++)
                {
                    x[l].mm(w[l].T);             // forward  [B, in] x [in, out]
                    g[l].T.mm(x[l]);             // weight gradient [out, B] x [B, in]
                    if (l > 0) g[l].mm(w[l]);    // input gradient [B, out] x [out, in]
                }
            }
            for (int i = 0; i < 5; i++) Step();
            var results = new List<double>();
            for (int r = 0; r < repeats; r++)
            {
                long n = 0;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < seconds / 2)
                {
                    Step();
                    n++;
                }
                results.Add(flopsPerStep * n / clock.Elapsed.TotalSeconds / 1e9);
            }
            return Median(results);
        }
        finally
        {
            foreach (Tensor t in x.Concat(w).Concat(g)) t.Dispose();
        }
    }

    private static TaskData RandomTask(long samples, long seed)
    {
        using var gen = new Generator((ulong)seed);
        return new TaskData(0, "benchmark", rand([samples, 784], generator: gen), randint(0, 10, [samples], generator: gen),
            rand([1, 784], generator: gen), zeros([1], dtype: ScalarType.Int64));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
