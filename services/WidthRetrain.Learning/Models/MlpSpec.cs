namespace WidthRetrain.Learning.Models;

/// <summary>
/// A feed-forward network: Linear(Inputs, Width) -> act -> [Linear(Width, Width) -> act] x (HiddenLayers - 1)
/// -> Linear(Width, Classes). One shared head, no task id (the paper's model).
/// </summary>
public sealed record MlpSpec(int Inputs, int Width, int HiddenLayers, int Classes, Activation Activation = Activation.Relu)
{
    /// <summary>Every bad field, named, with its allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Inputs < 1) p.Add($"inputs: must be at least 1, got {Inputs}");
        if (Width < 1) p.Add($"width: must be at least 1, got {Width}");
        if (HiddenLayers < 1) p.Add($"depth: hidden layers must be at least 1, got {HiddenLayers}");
        if (Classes < 2) p.Add($"classes: must be at least 2, got {Classes}");
        if (!Enum.IsDefined(Activation)) p.Add($"activation: unknown value {Activation}; allowed: {string.Join(", ", Enum.GetNames<Activation>())}");
        return p;
    }

    public MlpSpec Validated()
    {
        IReadOnlyList<string> p = Problems();
        return p.Count == 0 ? this : throw new ArgumentException(string.Join("; ", p));
    }

    /// <summary>(in, out) of every linear layer, input to head.</summary>
    public IReadOnlyList<(int In, int Out)> LayerShapes()
    {
        var shapes = new List<(int, int)> { (Inputs, Width) };
        for (int i = 1; i < HiddenLayers; i++) shapes.Add((Width, Width));
        shapes.Add((Width, Classes));
        return shapes;
    }
}
