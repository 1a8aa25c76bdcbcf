namespace WidthRetrain.Planner.Deciding;

/// <summary>A round event arrived before the step it follows was recorded (messages raced); retried shortly.</summary>
public sealed class RoundNotReadyException(string message) : Exception(message);
