namespace WidthRetrain.Dashboard.Reading;

/// <summary>One line of the campaigns list.</summary>
/// <param name="Progress">Rounds done over rounds scheduled so far (a staged campaign schedules its stages one by one).</param>
/// <param name="ChosenWidth">The width a finished staged campaign ends with (its last decision's incumbent); null while running or for fixed widths.</param>
/// <param name="Chosen">The chosen arm's name (a kept lever is part of it), or why there is none.</param>
public sealed record CampaignListItem(
    Guid Id,
    string Name,
    string Status,
    int RoundsDone,
    int RoundsTotal,
    double Progress,
    int Stage,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? ChosenWidth,
    string Chosen,
    string Dataset,
    string Scenario,
    int Tasks,
    IReadOnlyList<int> Widths,
    IReadOnlyList<long> Seeds,
    double TotalCost,
    string Currency,
    string? Policy,
    string? FailureReason);
