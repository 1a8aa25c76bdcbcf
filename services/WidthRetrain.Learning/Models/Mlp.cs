using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WidthRetrain.Learning.Models;

/// <summary>
/// The MLP of <see cref="MlpSpec"/> with PyTorch's default initialisation: Kaiming-uniform(a = sqrt 5) weights and
/// uniform bias, both U(-1/sqrt(fan_in), 1/sqrt(fan_in)). With a seed the draws come from a private generator, not
/// libtorch's process-global one, so trainings that start at the same moment in one process cannot take each other's
/// seeded numbers. Parameters are named layers.fc1 ... so checkpoints of equal specs are interchangeable.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="seed">Seeds the initial weights; null draws them from libtorch's global generator (for a model whose weights are loaded next).</param>
    public Mlp(MlpSpec spec, long? seed = null) : base(nameof(Mlp))
    {
        Spec = spec.Validated();
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var linears = new List<Linear>();
        var shapes = spec.LayerShapes();
        for (int i = 0; i < shapes.Count; i++)
        {
            var linear = Linear(shapes[i].In, shapes[i].Out);
            linears.Add(linear);
            modules.Add(($"fc{i + 1}", linear));
            if (i < shapes.Count - 1) modules.Add(($"act{i + 1}", MakeActivation(spec.Activation)));
        }
        Linears = linears;
        layers = Sequential(modules);
        RegisterComponents();
        if (seed is { } s) Initialise(s);
    }

    private void Initialise(long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (Linear linear in Linears)
        {
            double bound = 1 / Math.Sqrt(linear.weight!.shape[1]);
            linear.weight.uniform_(-bound, bound, generator);
            linear.bias!.uniform_(-bound, bound, generator);
        }
    }

    public MlpSpec Spec { get; }

    /// <summary>The linear layers from input to head, for weight-change measurements.</summary>
    public IReadOnlyList<Linear> Linears { get; }

    public override Tensor forward(Tensor input) => layers.forward(input);

    private static Module<Tensor, Tensor> MakeActivation(Activation a) => a switch
    {
        Activation.Relu => ReLU(),
        Activation.Tanh => Tanh(),
        Activation.Gelu => GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "unknown activation"),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
