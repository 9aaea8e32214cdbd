using System.Diagnostics.CodeAnalysis;

namespace Timeline.EventStore.Serialization;

/// <summary>
/// Values decoded lately, by the exact stored bytes they came from. A replay meets the same actors, sources and short
/// strings again and again, and an immutable value decoded from the same bytes is the same value: sharing it saves
/// decoding and allocating it once more. Each slot holds the last value whose bytes hash to it; one table per thread,
/// so no locks.
/// </summary>
internal sealed class RecentlyDecoded<T> where T : class
{
    private readonly byte[]?[] _keys;
    private readonly T?[] _values;

    /// <param name="slots">A power of two.</param>
    public RecentlyDecoded(int slots)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), slots, "Slots must be a power of two.");
        _keys = new byte[slots][];
        _values = new T[slots];
    }

    public bool TryGet(ReadOnlySpan<byte> utf8, out int slot, [NotNullWhen(true)] out T? value)
    {
        slot = Slot(utf8);
        if (_keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            value = _values[slot]!;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Remembers a value under the slot <see cref="TryGet"/> gave for the same bytes.</summary>
    public void Set(int slot, ReadOnlySpan<byte> utf8, T value)
    {
        var key = _keys[slot];
        // A slot that keeps missing would otherwise allocate a key array on every miss.
        if (key is null || key.Length != utf8.Length) key = _keys[slot] = new byte[utf8.Length];
        utf8.CopyTo(key);
        _values[slot] = value;
    }

    private int Slot(ReadOnlySpan<byte> utf8)
    {
        if (_keys.Length == 1) return 0;
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & (_keys.Length - 1);
    }
}
