namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// Exceptions that mean a message can never succeed, however often it is retried: bad data, a tampered checkpoint, a
/// missing file, an unsupported schema. They are not retried (straight to the _error queue), and their fault fails the
/// campaign at once. Every other exception is treated as transient: retried, then re-sent later by the planner.
/// </summary>
public static class PermanentFailures
{
    /// <summary>
    /// Not retried, with their subclasses. The learning core's exceptions are named rather than referenced, so that the
    /// service frame does not depend on the core; a test checks these names against the types.
    /// </summary>
    private static readonly HashSet<string> NotRetried =
    [
        typeof(PermanentFailureException).FullName!, typeof(ArgumentException).FullName!, typeof(FileNotFoundException).FullName!,
        "WidthRetrain.Learning.Checkpoints.CheckpointIntegrityException", "WidthRetrain.Learning.Data.DatasetFormatException",
    ];

    /// <summary>A fault of these types fails the campaign at once (by full name, as MassTransit's fault reports it).</summary>
    private static readonly HashSet<string> Names =
    [
        .. NotRetried, typeof(ArgumentNullException).FullName!, typeof(ArgumentOutOfRangeException).FullName!,
        "System.Text.Json.JsonException", "MassTransit.SerializationException",
    ];

    /// <summary>Whether an exception type, as MassTransit's fault reports it (full name), is permanent.</summary>
    public static bool IsPermanent(string? exceptionType) => exceptionType is not null && Names.Contains(exceptionType);

    /// <summary>Whether a thrown exception is not retried: its type or a base type is listed (as MassTransit's Ignore of types treats it).</summary>
    public static bool IsPermanent(Exception exception)
    {
        for (Type? t = exception.GetType(); t is not null; t = t.BaseType)
            if (NotRetried.Contains(t.FullName!)) return true;
        return false;
    }
}
