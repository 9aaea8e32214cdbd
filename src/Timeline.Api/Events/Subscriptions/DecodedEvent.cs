using Timeline.Api.V1;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Api.Events.Subscriptions;

/// <summary>
/// An event read from the log, decoded at most once and turned into its message at most once, however many
/// subscribers it goes to: the live feed hands the same instance to every subscriber.
/// </summary>
public sealed class DecodedEvent(RecordedEvent recorded)
{
    private Timeline.EventStore.Serialization.StoredEvent? _stored;
    private SubscribeResponse? _message;

    public RecordedEvent Recorded { get; } = recorded;

    public LogPosition Position => Recorded.Position;

    /// <summary>Decoded on first use: a subscriber filtering by type alone never needs it for the events it skips.</summary>
    public Timeline.EventStore.Serialization.StoredEvent Stored => _stored ??= DomainEventSerializer.Deserialize(Recorded);

    /// <summary>
    /// The message of every subscriber this event passes. Shared, so it must never be changed once made; gRPC only
    /// reads it to serialize it. (A race to make it makes two equal messages, which is harmless.)
    /// </summary>
    public SubscribeResponse Message => _message ??= new SubscribeResponse
    {
        Position = Recorded.Position.ToString(),
        Event = StoredEventMapping.ToMessage(Stored),
    };
}
