using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// The range a quantity takes by definition (fractions), to clip intervals that a symmetric Student-t interval would
/// push past it. Accuracies and the paper's forgetting (best minus final accuracy, the best including the final one)
/// lie in [0, 1]; Chaudhry's forgetting (best before the last task), BWT, FWT and differences of any of them in [-1, 1].
/// Only what a definition bounds is clipped; the mean is never moved.
/// </summary>
public sealed record Bounds(double Low, double High)
{
    /// <summary>Accuracies and the paper's forgetting.</summary>
    public static Bounds Unit { get; } = new(0, 1);

    /// <summary>Chaudhry's forgetting, BWT, FWT, and a difference between two arms.</summary>
    public static Bounds Signed { get; } = new(-1, 1);

    public double Clip(double v) => Math.Clamp(v, Low, High);

    public Estimate? Clip(Estimate? e) => e is null ? null : e with { Low = Clip(e.Low), High = Clip(e.High) };
}
