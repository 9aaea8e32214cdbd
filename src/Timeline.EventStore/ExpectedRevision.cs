namespace Timeline.EventStore;

/// <summary>What the writer believes about a stream before appending: optimistic concurrency as in EventStoreDB.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;

    private readonly long _value;
    private ExpectedRevision(long value) => _value = value;

    /// <summary>Append whatever the stream holds.</summary>
    public static ExpectedRevision Any => new(AnyValue);
    /// <summary>Append only if the stream does not exist yet.</summary>
    public static ExpectedRevision NoStream => new(NoStreamValue);
    /// <summary>Append only if the stream's last event has this revision (0-based).</summary>
    public static ExpectedRevision Exact(ulong revision) =>
        revision > long.MaxValue ? throw new ArgumentOutOfRangeException(nameof(revision)) : new((long)revision);

    public bool IsAny => _value == AnyValue;
    public bool IsNoStream => _value == NoStreamValue;
    public bool IsExact => _value >= 0;
    /// <summary>The exact revision; only meaningful when <see cref="IsExact"/>.</summary>
    public ulong Revision => IsExact ? (ulong)_value : throw new InvalidOperationException($"{this} is not an exact revision.");

    public override string ToString() => _value switch
    {
        AnyValue => "any",
        NoStreamValue => "no-stream",
        _ => _value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>What a stream holds now: no stream at all, or events up to a last revision.</summary>
public readonly record struct StreamState(ulong? LastRevision)
{
    public static StreamState NoStream => new(null);
    public bool Exists => LastRevision is not null;
    public override string ToString() => LastRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no-stream";
}
