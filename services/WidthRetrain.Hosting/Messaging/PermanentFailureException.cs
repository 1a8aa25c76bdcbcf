namespace WidthRetrain.Hosting.Messaging;

/// <summary>A message that can never succeed (bad data, a tampered checkpoint): not retried, straight to the _error queue.</summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
