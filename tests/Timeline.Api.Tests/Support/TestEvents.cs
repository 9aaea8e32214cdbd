using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Api.Tests.Support;

/// <summary>Domain events made in tests, for appending straight to the store (subscription tests need no extraction).</summary>
public static class TestEvents
{
    public static StatementMade Statement(string article, string speaker, string country, string quote, int index = 0) => new()
    {
        EventId = DeterministicGuid.Create(article, "statement", speaker, index.ToString()),
        Occurred = HistoricalDate.OfDay(2020, 9, 16),
        Country = CountryCode.Parse(country),
        Actors = new ValueList<EventActor>([new EventActor(ActorId.FromName(speaker), speaker, ActorKind.Person, ActorRole.Speaker)]),
        Source = new EventSource
        {
            ArticleId = ArticleId.Parse(article),
            Title = "Test article " + article,
            Evidence = quote,
            EvidenceSpan = new TextSpan(0, quote.Length),
        },
        Confidence = 0.9,
        Cameo = StatementMade.DefaultCameo,
        Speaker = ActorId.FromName(speaker),
        Quotes = new ValueList<string>([quote]),
    };

    public static Task<AppendResult> Append(this IEventStore store, string article, params IEnumerable<TimelineEvent> events) =>
        store.AppendToStream(ArticleStreams.Prefix + article, ExpectedRevision.Any, events.Select(e => DomainEventSerializer.Serialize(e)).ToList());
}
