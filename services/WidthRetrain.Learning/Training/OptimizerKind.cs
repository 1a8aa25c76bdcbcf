namespace WidthRetrain.Learning.Training;

/// <summary>Plain SGD is the paper's optimiser; momentum and Adam are offered for comparison.</summary>
public enum OptimizerKind
{
    Sgd,
    Momentum,
    Adam,
}
