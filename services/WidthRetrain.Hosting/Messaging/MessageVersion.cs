using WidthRetrain.Contracts;

namespace WidthRetrain.Hosting.Messaging;

/// <summary>The schema versions the services understand; anything else can never succeed and goes straight to _error.</summary>
public static class MessageVersion
{
    public const int Supported = 1;

    public static void Require(IVersionedMessage message)
    {
        if (message.SchemaVersion != Supported)
            throw new PermanentFailureException($"{message.GetType().Name} schema version {message.SchemaVersion} is not supported ({Supported} is)");
    }
}
