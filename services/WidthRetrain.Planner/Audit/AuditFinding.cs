namespace WidthRetrain.Planner.Audit;

/// <summary>One thing the record does not hold up to: where (the first bad event, when there is one) and what differs.</summary>
public sealed record AuditFinding(string Where, string What)
{
    public override string ToString() => $"{Where}: {What}";
}
