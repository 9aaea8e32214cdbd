using System.Text.Json;
using System.Text.Json.Serialization;
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

/// <summary>
/// Turns domain events into stored JSON events and back, through <see cref="EventTypeMap"/>: written by the serializer
/// with <see cref="EventJson.Options"/>, read back by <see cref="StoredEventReader"/>, which reads the same JSON by hand.
/// </summary>
public static class DomainEventSerializer
{
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
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return new StoredEvent.Raw(recorded, $"unreadable metadata: {ex.Message}");
        }

        if (metadata.SchemaVersion > entry.SchemaVersion)
            return new StoredEvent.Raw(recorded, $"{recorded.Type} schema version {metadata.SchemaVersion} is newer than this version reads ({entry.SchemaVersion})");

        try
        {
            var e = StoredEventReader.ReadEvent(entry.ClrType, recorded.Data.Span);
            return e is null
                ? new StoredEvent.Raw(recorded, "event data is null")
                : new StoredEvent.Known(recorded, e, metadata);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return new StoredEvent.Raw(recorded, $"unreadable {recorded.Type} data: {ex.Message}");
        }
    }

    /// <summary>
    /// What bad stored data throws: the decoder's <see cref="JsonException"/>; <see cref="FormatException"/> from a date
    /// in another script's digits (which escaped the serializer's path); and <see cref="InvalidOperationException"/>,
    /// which <see cref="Utf8JsonReader"/> throws for strings that are not valid UTF-8 (the decoder checks every token's
    /// type before it reads a value, so nothing else of its own throws it).
    /// </summary>
    private static bool IsUnreadable(Exception ex) => ex is JsonException or FormatException or InvalidOperationException;

    private static EventMetadata ReadMetadata(ReadOnlySpan<byte> utf8)
    {
        if (_lastMetadata is { } last && utf8.SequenceEqual(last.Bytes)) return last.Metadata;
        var metadata = StoredEventReader.ReadMetadata(utf8) ?? new EventMetadata { SchemaVersion = 1 };
        _lastMetadata = (utf8.ToArray(), metadata);
        return metadata;
    }
}
