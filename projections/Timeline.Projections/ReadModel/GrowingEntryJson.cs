using System.Buffers;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// An entry's stored JSON as a replay grows it: the bytes read back, then each joining source serialized once, put
/// together only to be written, in a pooled buffer. Copying the whole array for every join (or even once per batch)
/// made each entry with hundreds of sources a large-object allocation per report.
/// </summary>
internal sealed class GrowingEntryJson(byte[] stored)
{
    private readonly List<byte[]> _added = [];
    private List<EntrySource>? _pending;

    public void Add(EntrySource source) => (_pending ??= []).Add(source);

    /// <summary>The length of the JSON in bytes.</summary>
    public int Length
    {
        get
        {
            SerializePending();
            return EntryJson.JoinedLength(stored, _added);
        }
    }

    /// <summary>The whole JSON in a buffer rented from the shared pool (the first <paramref name="length"/> bytes); return it after use.</summary>
    public byte[] Rent(out int length)
    {
        SerializePending();
        var buffer = ArrayPool<byte>.Shared.Rent(EntryJson.JoinedLength(stored, _added));
        length = EntryJson.Join(stored, _added, buffer);
        return buffer;
    }

    private void SerializePending()
    {
        if (_pending is null) return;
        foreach (var source in _pending) _added.Add(EntryJson.SerializeSource(source));
        _pending = null;
    }
}
