using System.Security.Cryptography;
using System.Text;

namespace Timeline.Domain.Events;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same article, kind and key facts always give the same
/// event id, so re-ingesting an article writes nothing new and EventStoreDB's idempotency applies.
/// </summary>
public static class DeterministicGuid
{
    private static readonly Guid TimelineNamespace = new("6f1c2a8e-2b4d-5c1e-9a77-1d3e5f7a9b0c");

    public static Guid Create(params string[] parts)
    {
        var name = string.Join('\u001f', parts);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var ns = TimelineNamespace.ToByteArray(bigEndian: true);
        var input = new byte[ns.Length + nameBytes.Length];
        ns.CopyTo(input, 0);
        nameBytes.CopyTo(input, ns.Length);
        var hash = SHA1.HashData(input);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
