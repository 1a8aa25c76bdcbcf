namespace WidthRetrain.Hosting.Messaging;

/// <summary>How often a worker tells the planner it still holds a round (Service:HeartbeatSeconds, default 15).</summary>
public sealed record HeartbeatSettings(TimeSpan Every);
