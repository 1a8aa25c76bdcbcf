namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// Exceptions that mean a message can never succeed, however often it is retried: bad data, a tampered checkpoint, a
/// missing file, an unsupported schema. They are not retried (straight to the _error queue), and their fault fails the
/// campaign at once. Every other exception is treated as transient: retried, then re-sent later by the planner.
/// </summary>
public static class PermanentFailures
{
    /// <summary>
    /// By full name, as MassTransit's faults report them. The learning core's exceptions are named rather than referenced,
    /// so that the service frame does not depend on the core; a test checks these names against the types.
    /// </summary>
    private static readonly HashSet<string> Names =
    [
        typeof(PermanentFailureException).FullName!, typeof(ArgumentException).FullName!, typeof(ArgumentNullException).FullName!,
        typeof(ArgumentOutOfRangeException).FullName!, typeof(FileNotFoundException).FullName!,
        "WidthRetrain.Learning.Checkpoints.CheckpointIntegrityException", "WidthRetrain.Learning.Data.DatasetFormatException",
        "System.Text.Json.JsonException", "MassTransit.SerializationException",
    ];

    /// <summary>Whether an exception type, as MassTransit's fault reports it (full name), is permanent.</summary>
    public static bool IsPermanent(string? exceptionType) => exceptionType is not null && Names.Contains(exceptionType);

    /// <summary>Whether a thrown exception is permanent: its type or a base type is (as MassTransit's Ignore of types treats it).</summary>
    public static bool IsPermanent(Exception exception)
    {
        for (Type? t = exception.GetType(); t is not null; t = t.BaseType)
            if (IsPermanent(t.FullName)) return true;
        return false;
    }
}
