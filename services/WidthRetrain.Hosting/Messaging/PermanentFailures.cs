using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Data;

namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// Exceptions that mean a message can never succeed, however often it is retried: bad data, a tampered checkpoint, a
/// missing file, an unsupported schema. They are not retried (straight to the _error queue), and their fault fails the
/// campaign at once. Every other exception is treated as transient: retried, then re-sent later by the planner.
/// </summary>
public static class PermanentFailures
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(PermanentFailureException), typeof(CheckpointIntegrityException), typeof(DatasetFormatException), typeof(ArgumentException),
        typeof(FileNotFoundException),
    ];

    private static readonly HashSet<string> Names =
    [
        .. Types.Select(t => t.FullName!), typeof(ArgumentNullException).FullName!, typeof(ArgumentOutOfRangeException).FullName!,
        "System.Text.Json.JsonException", "MassTransit.SerializationException",
    ];

    /// <summary>Whether an exception type, as MassTransit's fault reports it (full name), is permanent.</summary>
    public static bool IsPermanent(string? exceptionType) => exceptionType is not null && Names.Contains(exceptionType);
}
