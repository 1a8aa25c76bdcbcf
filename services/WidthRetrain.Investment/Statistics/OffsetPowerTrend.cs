using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// The power law with offset y = c + a · W^-b and its parameters' intervals (asymptotic, from the Jacobian at the
/// fit; null when it has no residual degree of freedom or is degenerate).
/// </summary>
public sealed record OffsetPowerTrend(OffsetPowerLaw Fit, Interval? Offset, Interval? Coefficient, Interval? Exponent, FlatModelTest? VsFlat);
