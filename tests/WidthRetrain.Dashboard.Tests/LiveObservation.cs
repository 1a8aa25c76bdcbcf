namespace WidthRetrain.Dashboard.Tests;

/// <summary>
/// What a campaign page showed while the fixture's campaign ran: the progress text when the page opened and after its
/// first change, whether the page reloaded meanwhile, and the delay of every live update (from the record's time of
/// progress to the page's receipt). <see cref="Error"/> says why nothing was observed (no chromium, a timeout, ...).
/// </summary>
public sealed record LiveObservation(
    string? First = null,
    string? Changed = null,
    double SecondsToChange = 0,
    bool Reloaded = false,
    string? Final = null,
    string? LiveText = null,
    double[]? LatenciesMs = null,
    string? Error = null);
