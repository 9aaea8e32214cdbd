using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Timeline.Api.Timelines;
using Timeline.Api.V1;
using Timeline.Application.Timelines;

namespace Timeline.Api.Tests;

public sealed class an_answer_asked_for_again
{
    private static readonly TimelineEntryView Entry = new()
    {
        Id = "e-1",
        Occurred = "2015-09~",
        OccurredDisplay = "late Sep 2015",
        Type = "PartyBanned",
        Summary = "Supreme Court banned the Islamic Renaissance Party of Tajikistan",
        Country = "TJ",
        Place = "Dushanbe",
        Actors = [new EntryActorView("irpt", "Islamic Renaissance Party of Tajikistan", "party", "party")],
        Sources = [new SourceView("a-1", "Court bans party", "Example Wire", null, "2015-09-30", "The court banned the party.")],
        Corroboration = 1,
        Disputed = false,
        Confidence = 0.9,
        Cameo = "1722",
    };

    private static ActorView Actor(string id) => new(id, "Name of " + id, "party", [id.ToUpperInvariant()]);

    [Fact]
    public void is_the_same_response_with_the_bytes_protobuf_encodes_for_it()
    {
        IReadOnlyList<TimelineEntryView> page = [Entry];
        var first = new ActorTimelineView(Actor("irpt"), page, "next-1", 3).ToResponse();
        var again = new ActorTimelineView(Actor("irpt"), page, "next-1", 3).ToResponse();

        Assert.Same(first, again);
        Assert.Equal(first.ToByteArray(), Sent(first));
        Assert.Equal(first, GetActorTimelineResponse.Parser.ParseFrom(Sent(first)));
    }

    [Fact]
    public void about_another_actor_sharing_the_page_is_answered_for_that_actor()
    {
        IReadOnlyList<TimelineEntryView> page = [Entry];
        var irpt = new ActorTimelineView(Actor("irpt"), page, null, 1).ToResponse();
        var other = new ActorTimelineView(Actor("other-party"), page, null, 1).ToResponse();
        var anotherPage = new ActorTimelineView(Actor("other-party"), page, "next", 2).ToResponse();

        Assert.Equal("irpt", GetActorTimelineResponse.Parser.ParseFrom(Sent(irpt)).Actor.Id);
        Assert.Equal("other-party", GetActorTimelineResponse.Parser.ParseFrom(Sent(other)).Actor.Id);
        Assert.Equal("next", GetActorTimelineResponse.Parser.ParseFrom(Sent(anotherPage)).NextPageToken);
    }

    [Fact]
    public void for_a_country_is_kept_the_same_way()
    {
        IReadOnlyList<TimelineEntryView> page = [Entry];
        var first = new CountryTimelineView(new CountryView("TJ", "Tajikistan"), page, null, 1).ToResponse();
        var again = new CountryTimelineView(new CountryView("TJ", "Tajikistan"), page, null, 1).ToResponse();
        var other = new CountryTimelineView(new CountryView("UZ", "Uzbekistan"), page, null, 1).ToResponse();

        Assert.Same(first, again);
        Assert.Equal(first.ToByteArray(), Sent(first));
        Assert.Equal("UZ", GetCountryTimelineResponse.Parser.ParseFrom(Sent(other)).Country.Code);
    }

    [Fact]
    public void a_message_never_kept_is_encoded_as_protobuf_encodes_it()
    {
        var fresh = new FindActorsResponse { Actors = { new ActorDirectoryEntry { Id = "irpt", Name = "IRPT", EventCount = 2 } } };
        Assert.Equal(fresh.ToByteArray(), Sent(fresh));
    }

    private static byte[] Sent<T>(T message) where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        var context = new RecordingContext();
        EncodedAnswers.Marshaller(parser).ContextualSerializer(message, context);
        return context.Payload;
    }

    /// <summary>Records what a marshaller hands the transport, whichever way it hands it over.</summary>
    private sealed class RecordingContext : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private int? _declaredLength;
        public byte[] Payload { get; private set; } = [];

        public override void Complete(byte[] payload) => Payload = payload;
        public override void SetPayloadLength(int payloadLength) => _declaredLength = payloadLength;
        public override IBufferWriter<byte> GetBufferWriter() => _buffer;

        public override void Complete()
        {
            Payload = _buffer.WrittenSpan.ToArray();
            Assert.Equal(_declaredLength, Payload.Length);
        }
    }
}
