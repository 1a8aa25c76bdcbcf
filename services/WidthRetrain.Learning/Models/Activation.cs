namespace WidthRetrain.Learning.Models;

/// <summary>Hidden-layer nonlinearity. ReLU is the paper's.</summary>
public enum Activation
{
    Relu,
    Tanh,
    Gelu,
}
