namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// y = c + d·x + e·x² with x = log2 W, fitted to every point: <see cref="Curvature"/> is e (per doubling squared) with
/// its interval and the t-test's <see cref="P"/>. When y is a cost such as forgetting, e &gt; 0 means each later
/// doubling reduces it less than the one before (diminishing returns), e &lt; 0 more.
/// </summary>
public sealed record CurvatureTest(Interval Curvature, double P, int Dof);
