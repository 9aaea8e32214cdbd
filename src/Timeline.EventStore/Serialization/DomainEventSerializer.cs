using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;

namespace Timeline.EventStore.Serialization;

/// <summary>The metadata stored beside every domain event.</summary>
public sealed record EventMetadata
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    /// <summary>Which extractor (name/version) produced the event, for events that came out of an article.</summary>
    [JsonPropertyName("extractor")] public string? Extractor { get; init; }
    [JsonPropertyName("contentType")] public string ContentType { get; init; } = EventData.JsonContentType;
}

/// <summary>A stored event read back: a known domain event, or raw JSON of a type this version does not know.</summary>
public abstract record StoredEvent(RecordedEvent Recorded)
{
    public sealed record Known(RecordedEvent Recorded, IDomainEvent Event, EventMetadata Metadata) : StoredEvent(Recorded);

    /// <summary>A type this version does not know (newer writer, other client, or a version without an upcaster): kept, never a crash.</summary>
    public sealed record Raw(RecordedEvent Recorded, string Reason) : StoredEvent(Recorded);
}

/// <summary>Turns domain events into stored JSON events and back, through <see cref="EventTypeMap"/>.</summary>
public static class DomainEventSerializer
{
    private static readonly JsonTypeInfo<EventMetadata> MetadataContract =
        (JsonTypeInfo<EventMetadata>)EventJson.Options.GetTypeInfo(typeof(EventMetadata));

    // Looked up once per type rather than through the options' cache on every call: a replay decodes a million events.
    private static readonly Dictionary<Type, JsonTypeInfo> EventContracts = EventTypeMap.AllNames
        .Select(name => EventTypeMap.TryGet(name, out var entry) ? entry.ClrType : throw new InvalidOperationException(name))
        .ToDictionary(type => type, type => EventJson.Options.GetTypeInfo(type));

    /// <summary>
    /// The metadata last decoded on this thread and its bytes: events of one extractor version carry the same metadata,
    /// so a replay reads it once instead of once per event. Safe to share because the record is immutable.
    /// </summary>
    [ThreadStatic] private static (byte[] Bytes, EventMetadata Metadata)? _lastMetadata;

    public static EventData Serialize(IDomainEvent e, string? extractor = null)
    {
        var entry = EventTypeMap.For(e);
        var data = JsonSerializer.SerializeToUtf8Bytes(e, entry.ClrType, EventJson.Options);
        var metadata = JsonSerializer.SerializeToUtf8Bytes(
            new EventMetadata { SchemaVersion = entry.SchemaVersion, Extractor = extractor }, EventJson.Options);
        return new EventData(e.EventId, entry.Name, data, metadata);
    }

    public static StoredEvent Deserialize(RecordedEvent recorded)
    {
        if (!EventTypeMap.TryGet(recorded.Type, out var entry))
            return new StoredEvent.Raw(recorded, $"unknown event type '{recorded.Type}'");

        EventMetadata metadata;
        try
        {
            metadata = recorded.Metadata.Length == 0 ? new EventMetadata { SchemaVersion = 1 } : ReadMetadata(recorded.Metadata.Span);
        }
        catch (JsonException ex)
        {
            return new StoredEvent.Raw(recorded, $"unreadable metadata: {ex.Message}");
        }

        if (metadata.SchemaVersion > entry.SchemaVersion)
            return new StoredEvent.Raw(recorded, $"{recorded.Type} schema version {metadata.SchemaVersion} is newer than this version reads ({entry.SchemaVersion})");

        try
        {
            var e = (IDomainEvent?)JsonSerializer.Deserialize(recorded.Data.Span, EventContracts[entry.ClrType]);
            return e is null
                ? new StoredEvent.Raw(recorded, "event data is null")
                : new StoredEvent.Known(recorded, e, metadata);
        }
        catch (JsonException ex)
        {
            return new StoredEvent.Raw(recorded, $"unreadable {recorded.Type} data: {ex.Message}");
        }
    }

    private static EventMetadata ReadMetadata(ReadOnlySpan<byte> utf8)
    {
        if (_lastMetadata is { } last && utf8.SequenceEqual(last.Bytes)) return last.Metadata;
        var metadata = JsonSerializer.Deserialize(utf8, MetadataContract) ?? new EventMetadata { SchemaVersion = 1 };
        _lastMetadata = (utf8.ToArray(), metadata);
        return metadata;
    }
}
