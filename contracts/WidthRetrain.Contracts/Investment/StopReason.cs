namespace WidthRetrain.Contracts.Investment;

/// <summary>Why widening (or the campaign) stopped.</summary>
public enum StopReason
{
    /// <summary>The gain is significant but buys less than the threshold per unit of extra cost, or is below the minimum gain.</summary>
    DiminishingReturns,

    /// <summary>The candidate's forgetting reduction is not distinguishable from zero at the policy's confidence.</summary>
    NotSignificant,

    /// <summary>The next stage's forecast cost does not fit in what is left of the budget.</summary>
    BudgetExhausted,

    /// <summary>The incumbent already forgets no more than the target.</summary>
    TargetReached,

    /// <summary>The next candidate would exceed the width cap.</summary>
    CapReached,

    /// <summary>The fitted width curve forecasts a return below the threshold for the next step, so it was not bought.</summary>
    ForecastBelowThreshold,

    /// <summary>The levers were piloted; none paid more than width.</summary>
    LeversExhausted,
}
