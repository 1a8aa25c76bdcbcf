using WidthRetrain.Contracts;

namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// Each consumer names the schema versions of its message it understands; anything else can never succeed and goes
/// straight to _error. A message moves to a new version on its own: its consumer accepts the old and the new while
/// producers are upgraded.
/// </summary>
public static class MessageVersion
{
    public static void Require(IVersionedMessage message, params int[] understood)
    {
        if (understood.Length == 0) throw new ArgumentException("name the versions the consumer understands", nameof(understood));
        if (!understood.Contains(message.SchemaVersion))
            throw new PermanentFailureException(
                $"{message.GetType().Name} schema version {message.SchemaVersion} is not supported ({(understood.Length == 1 ? understood[0].ToString() : string.Join(" and ", understood))} {(understood.Length == 1 ? "is" : "are")})");
    }
}
