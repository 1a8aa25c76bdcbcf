using System.Security.Cryptography;
using System.Text;

namespace WidthRetrain.Planner.Audit;

/// <summary>
/// The hash chain of a stream: each event's hash covers its stream, its position, its type, its correlation and
/// causation ids, its data (canonical JSON) and the hash of the event before it (the first event chains from the
/// stream's genesis value). Editing, removing, inserting or reordering any event changes every hash after it.
/// The hashes travel in the events' headers.
/// </summary>
public static class EventHash
{
    public const string HashHeader = "wr-hash";
    public const string PreviousHeader = "wr-prev";

    public static string Genesis(Guid streamId) => Sha256($"widthretrain-genesis|{streamId:D}");

    public static string Of(Guid streamId, long version, object data, string? correlationId, string? causationId, string previous) =>
        Sha256(string.Join('\n', streamId.ToString("D"), version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            data.GetType().Name, correlationId ?? "", causationId ?? "", previous, CanonicalJson.Of(data)));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
