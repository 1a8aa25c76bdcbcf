namespace WidthRetrain.Dashboard.Shared;

/// <summary>A request the dashboard refuses: one line naming the field and what is allowed (HTTP 400), or what was not found (404).</summary>
public sealed class DashboardProblem(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;

    public static DashboardProblem NotFound(Guid campaign) => new($"id: no campaign {campaign}", StatusCodes.Status404NotFound);
}
