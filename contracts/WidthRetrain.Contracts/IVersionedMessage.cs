namespace WidthRetrain.Contracts;

/// <summary>
/// Every command and event carries the version of its schema. Additive changes (a new optional property) keep
/// the version; a change of meaning or a removed property bumps it, and consumers refuse versions they do not know.
/// </summary>
public interface IVersionedMessage
{
    int SchemaVersion { get; }
}
