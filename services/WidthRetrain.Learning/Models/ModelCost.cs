namespace WidthRetrain.Learning.Models;

/// <summary>
/// Analytic size and FLOP counts of an <see cref="MlpSpec"/>. A multiply-add counts as 2 FLOPs; activations,
/// loss and softmax are left out (they are O(width), the matrix products O(width^2)).
/// </summary>
public static class ModelCost
{
    public static long Parameters(MlpSpec spec) => spec.LayerShapes().Sum(s => (long)s.In * s.Out + s.Out);

    /// <summary>Forward pass per sample: 2·in·out for the product plus out for the bias, per layer.</summary>
    public static long ForwardFlopsPerSample(MlpSpec spec) => spec.LayerShapes().Sum(s => 2L * s.In * s.Out + s.Out);

    /// <summary>
    /// Backward pass per sample: the weight gradient (2·in·out) and bias gradient (out) of every layer, and the
    /// input gradient (2·in·out) of every layer but the first (the data needs no gradient).
    /// </summary>
    public static long BackwardFlopsPerSample(MlpSpec spec)
    {
        var shapes = spec.LayerShapes();
        long flops = shapes.Sum(s => 2L * s.In * s.Out + s.Out);
        flops += shapes.Skip(1).Sum(s => 2L * s.In * s.Out);
        return flops;
    }

    /// <summary>One training sample: forward plus backward (the optimiser's update is per step, see <see cref="OptimizerFlopsPerStep"/>).</summary>
    public static long TrainFlopsPerSample(MlpSpec spec) => ForwardFlopsPerSample(spec) + BackwardFlopsPerSample(spec);

    /// <summary>Per-parameter work of one optimiser step: SGD 2 (scale, add), momentum 4, Adam ~ 12.</summary>
    public static long OptimizerFlopsPerStep(MlpSpec spec, Training.OptimizerKind optimizer) =>
        Parameters(spec) * optimizer switch
        {
            Training.OptimizerKind.Sgd => 2,
            Training.OptimizerKind.Momentum => 4,
            _ => 12,
        };
}
