using System.Collections;
using System.Collections.Immutable;

namespace Timeline.Domain;

/// <summary>An immutable list that compares by its items, so records holding lists keep value equality.</summary>
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    public ValueList(IEnumerable<T> items) => _items = items.ToImmutableArray();

    private ValueList(ImmutableArray<T> items, bool _) => _items = items;

    /// <summary>Takes an array as it is, without the copy the constructor makes: for decoders, which build each list once.</summary>
    public static ValueList<T> Wrap(ImmutableArray<T> items) => new(items, false);

    public static ValueList<T> Empty => new([]);

    private ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public int Count => Items.Length;
    public T this[int index] => Items[index];

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public bool Equals(ValueList<T> other) => Items.SequenceEqual(other.Items);
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(ValueList<T> a, ValueList<T> b) => a.Equals(b);
    public static bool operator !=(ValueList<T> a, ValueList<T> b) => !a.Equals(b);

    public static implicit operator ValueList<T>(T[] items) => new(items);
    public static implicit operator ValueList<T>(List<T> items) => new(items);

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
