using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WidthRetrain.Learning.Models;

/// <summary>
/// The MLP of <see cref="MlpSpec"/> with PyTorch's default initialisation (TorchSharp's Linear uses the same
/// Kaiming-uniform(a = sqrt 5) weights and uniform bias). Parameters are named layers.fc1 ... so checkpoints
/// of equal specs are interchangeable.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Mlp(MlpSpec spec) : base(nameof(Mlp))
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
