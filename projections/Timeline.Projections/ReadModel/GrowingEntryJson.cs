using System.Buffers;
using System.Text.Json;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// An entry's stored JSON as a replay grows it: the bytes read back, then each joining source serialized once, put
/// together only to be written, in a pooled buffer — byte for byte what <see cref="EntryJson.Serialize(TimelineEntry)"/>
/// gives for the joined entry. Copying the whole array for every join (or even once per batch) made each entry with
/// hundreds of sources a large-object allocation per report.
/// </summary>
internal sealed class GrowingEntryJson
{
    private readonly byte[] _stored;
    private readonly List<byte[]> _added = [];

    public GrowingEntryJson(byte[] stored)
    {
        if (stored.Length < 2 || stored[0] != (byte)'[' || stored[^1] != (byte)']')
            throw new JsonException("An entry's stored JSON is not an array of sources.");
        _stored = stored;
    }

    public void Add(EntrySource source) => _added.Add(EntryJson.SerializeSource(source));

    /// <summary>The length of the JSON in bytes.</summary>
    public int Length
    {
        get
        {
            var length = _stored.Length;
            foreach (var source in _added) length += source.Length + 1;
            // No comma before the first source of an empty array.
            return _added.Count > 0 && _stored.Length == 2 ? length - 1 : length;
        }
    }

    /// <summary>The whole JSON in a buffer rented from the shared pool (the first <paramref name="length"/> bytes); return it after use.</summary>
    public byte[] Rent(out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Length);
        _stored.AsSpan(0, _stored.Length - 1).CopyTo(buffer);
        var at = _stored.Length - 1;
        foreach (var source in _added)
        {
            if (at > 1) buffer[at++] = (byte)',';
            source.CopyTo(buffer.AsSpan(at));
            at += source.Length;
        }
        buffer[at++] = (byte)']';
        length = at;
        return buffer;
    }
}
