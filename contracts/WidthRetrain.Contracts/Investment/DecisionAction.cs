namespace WidthRetrain.Contracts.Investment;

/// <summary>What a stage's decision does next.</summary>
public enum DecisionAction
{
    /// <summary>The candidate becomes the incumbent and a wider candidate is tested.</summary>
    Widen,

    /// <summary>Widening stopped; a lever is piloted at the incumbent's width.</summary>
    TryLever,

    /// <summary>The lever pilot paid more per unit of cost than width: keep it.</summary>
    KeepLever,

    /// <summary>The campaign ends; the reason says why.</summary>
    Stop,
}
