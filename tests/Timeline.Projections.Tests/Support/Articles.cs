using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Projections.Tests.Support;

/// <summary>Hand-built articles and events, written as ingestion writes them: ArticleIngested first, one append per article.</summary>
public sealed class ArticleBuilder(string id, DateTimeOffset ingestedAt)
{
    private readonly List<TimelineEvent> _events = [];

    public ArticleId Id { get; } = ArticleId.Parse(id);
    public string? Title { get; init; } = "A report " + id;
    public string? Outlet { get; init; } = "Test Outlet";
    public HistoricalDate? Published { get; init; }

    public static EventActor Actor(string name, ActorKind kind, ActorRole role, string? id = null) =>
        new(id is null ? ActorId.FromName(name) : ActorId.Parse(id), name, kind, role);

    public static readonly EventActor Irpt = Actor("Islamic Renaissance Party of Tajikistan (IRPT)", ActorKind.Party, ActorRole.BannedParty, "irpt");

    private EventSource Source(string evidence) => new()
    {
        ArticleId = Id, Title = Title, Outlet = Outlet, Url = $"https://example.org/{Id.Value}", Published = Published,
        Evidence = evidence, EvidenceSpan = new TextSpan(0, evidence.Length),
    };

    private Guid NextId(string kind) => DeterministicGuid.Create(Id.Value, kind, _events.Count.ToString());

    public ArticleBuilder Ban(HistoricalDate occurred, EventActor party, EventActor? authority = null, string? designation = null,
        string country = "TJ", double confidence = 0.8, string evidence = "The party was banned.")
    {
        var actors = new List<EventActor> { party with { Role = ActorRole.BannedParty } };
        if (authority is not null) actors.Add(authority with { Role = ActorRole.BanningAuthority });
        _events.Add(new PartyBanned
        {
            EventId = NextId("PartyBanned"), Occurred = occurred, Country = CountryCode.Parse(country), Actors = actors,
            Source = Source(evidence), Confidence = confidence, Cameo = PartyBanned.DefaultCameo,
            Party = party.Id, BanningAuthority = authority?.Id, Designation = designation,
        });
        return this;
    }

    public ArticleBuilder Statement(HistoricalDate occurred, EventActor speaker, string quote, string country = "TJ",
        EventActor[]? mentioned = null, double confidence = 0.7)
    {
        var actors = new List<EventActor> { speaker with { Role = ActorRole.Speaker } };
        actors.AddRange((mentioned ?? []).Select(m => m with { Role = ActorRole.Mentioned }));
        _events.Add(new StatementMade
        {
            EventId = NextId("StatementMade"), Occurred = occurred, Country = CountryCode.Parse(country), Actors = actors,
            Source = Source($"\"{quote}\", said {speaker.Name}."), Confidence = confidence, Cameo = StatementMade.DefaultCameo,
            Speaker = speaker.Id, Quotes = new[] { quote }, Mentioned = (mentioned ?? []).Select(m => m.Id).ToArray(),
        });
        return this;
    }

    public ArticleBuilder Conference(HistoricalDate occurred, string name, string place, string country, EventActor[] participants,
        EventActor? organizer = null, int? attendance = null)
    {
        var actors = participants.Select(p => p with { Role = ActorRole.Participant }).ToList();
        if (organizer is not null) actors.Insert(0, organizer with { Role = ActorRole.Organizer });
        _events.Add(new ConferenceHeld
        {
            EventId = NextId("ConferenceHeld"), Occurred = occurred, Country = CountryCode.Parse(country), Place = place, Actors = actors,
            Source = Source($"{name} took place in {place}."), Confidence = 0.75, Cameo = ConferenceHeld.DefaultCameo,
            Name = name, Organizer = organizer?.Id, Participants = participants.Select(p => p.Id).ToArray(), Attendance = attendance,
            Format = MeetingFormat.InPerson,
        });
        return this;
    }

    public ArticleBuilder Outage(HistoricalDate occurred, string country, string duration)
    {
        _events.Add(new InternetOutage
        {
            EventId = NextId("InternetOutage"), Occurred = occurred, Country = CountryCode.Parse(country),
            Actors = ValueList<EventActor>.Empty, Source = Source("The internet went down."), Confidence = 0.9,
            Cameo = InternetOutage.DefaultCameo, Extent = OutageExtent.National, Networks = new[] { "mobile", "fixed" },
            DurationText = duration,
        });
        return this;
    }

    public IReadOnlyList<IDomainEvent> Events() =>
    [
        new ArticleIngested
        {
            EventId = DeterministicGuid.Create(Id.Value, "ArticleIngested"), ArticleId = Id, Title = Title, Outlet = Outlet,
            Published = Published, ContentHash = new string('0', 64), IngestedAt = ingestedAt, ExtractorVersion = "test/1",
            EventCount = _events.Count,
        },
        .. _events,
    ];

    /// <summary>Appends the article as one atomic append to its own stream; returns the position of its last event.</summary>
    public async Task<LogPosition> AppendTo(IEventStore store)
    {
        var result = await store.AppendToStream(Id.StreamName, ExpectedRevision.NoStream,
            Events().Select(e => DomainEventSerializer.Serialize(e, "test/1")).ToList());
        return result.Position;
    }
}
