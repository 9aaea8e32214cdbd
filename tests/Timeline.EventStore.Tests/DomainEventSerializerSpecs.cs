using System.Text;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore.Serialization;
using Timeline.EventStore.Sqlite;

namespace Timeline.EventStore.Tests;

public sealed class domain_events_stored_in_sqlite_and_read_back : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SqliteEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(_folder.File("events.db"));
        return Task.CompletedTask;
    }

    public static TheoryData<string> EventKinds => new(SampleEvents.All.Keys);

    [Theory]
    [MemberData(nameof(EventKinds))]
    public async Task come_back_equal_to_what_was_written(string kind)
    {
        // Given a domain event serialized and appended
        var written = SampleEvents.All[kind];
        await _store.AppendToStream("article-sample", ExpectedRevision.Any, [DomainEventSerializer.Serialize(written, "test-extractor/1")]);

        // When it is read back and deserialized
        RecordedEvent? recorded = null;
        await foreach (var e in _store.ReadStream("article-sample", ReadDirection.Backwards, maxCount: 1)) recorded = e;
        var stored = DomainEventSerializer.Deserialize(recorded!);

        // Then it is the same value, under its stored type name, with its schema version and extractor
        var known = Assert.IsType<StoredEvent.Known>(stored);
        Assert.Equal(written, known.Event);
        Assert.Equal(kind, recorded!.Type);
        Assert.Equal(EventTypeMap.For(written).SchemaVersion, known.Metadata.SchemaVersion);
        Assert.Equal("test-extractor/1", known.Metadata.Extractor);
    }

    [Fact]
    public void every_type_in_the_type_map_has_a_sample_here() =>
        Assert.Equal(EventTypeMap.AllNames.Order(), SampleEvents.All.Keys.Order());

    [Fact]
    public async Task an_unknown_type_reads_back_as_a_raw_event_not_a_crash()
    {
        await _store.AppendToStream("article-other", ExpectedRevision.NoStream,
            [new EventData(Guid.NewGuid(), "TreatySigned", """{"parties":["a","b"]}"""u8.ToArray(), """{"schemaVersion":1}"""u8.ToArray())]);

        var stored = DomainEventSerializer.Deserialize(await ReadOnly("article-other"));

        var raw = Assert.IsType<StoredEvent.Raw>(stored);
        Assert.Contains("TreatySigned", raw.Reason);
        Assert.Equal("""{"parties":["a","b"]}""", Encoding.UTF8.GetString(raw.Recorded.Data.Span));
    }

    [Fact]
    public async Task a_newer_schema_version_reads_back_as_a_raw_event_not_a_guess()
    {
        var current = DomainEventSerializer.Serialize(SampleEvents.All["PartyBanned"]);
        await _store.AppendToStream("article-newer", ExpectedRevision.NoStream,
            [current with { Metadata = """{"schemaVersion":2}"""u8.ToArray() }]);

        var stored = DomainEventSerializer.Deserialize(await ReadOnly("article-newer"));

        Assert.Contains("schema version 2", Assert.IsType<StoredEvent.Raw>(stored).Reason);
    }

    [Fact]
    public async Task events_whose_metadata_alternate_each_read_their_own()
    {
        // Given events of two extractor versions and one of a newer schema, interleaved in the log
        EventData Stored(string extractor) => DomainEventSerializer.Serialize(SampleEvents.All["PartyBanned"], extractor) with { EventId = Guid.NewGuid() };
        await _store.AppendToStream("article-mixed", ExpectedRevision.NoStream,
        [
            Stored("rules/1.3"),
            Stored("rules/1.4"),
            Stored("rules/1.4") with { Metadata = """{"schemaVersion":2}"""u8.ToArray() },
            Stored("rules/1.3"),
        ]);

        // When they are read back one after another on one thread
        var read = new List<StoredEvent>();
        await foreach (var recorded in _store.ReadStream("article-mixed", ReadDirection.Forwards)) read.Add(DomainEventSerializer.Deserialize(recorded));

        // Then each carries its own extractor, and the newer schema is still refused
        Assert.Equal("rules/1.3", Assert.IsType<StoredEvent.Known>(read[0]).Metadata.Extractor);
        Assert.Equal("rules/1.4", Assert.IsType<StoredEvent.Known>(read[1]).Metadata.Extractor);
        Assert.IsType<StoredEvent.Raw>(read[2]);
        Assert.Equal("rules/1.3", Assert.IsType<StoredEvent.Known>(read[3]).Metadata.Extractor);
    }

    [Fact]
    public async Task unreadable_data_of_a_known_type_reads_back_as_a_raw_event()
    {
        await _store.AppendToStream("article-broken", ExpectedRevision.NoStream,
            [new EventData(Guid.NewGuid(), "StatementMade", """{"occurred":"not a date"}"""u8.ToArray(), """{"schemaVersion":1}"""u8.ToArray())]);

        var stored = DomainEventSerializer.Deserialize(await ReadOnly("article-broken"));

        Assert.IsType<StoredEvent.Raw>(stored);
    }

    private async Task<RecordedEvent> ReadOnly(string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in _store.ReadStream(stream, ReadDirection.Forwards)) events.Add(e);
        return Assert.Single(events);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>One fully populated event of every stored type (written for these tests; not taken from the seeds).</summary>
internal static class SampleEvents
{
    private static readonly ArticleId Article = ArticleId.Parse("sample-2020-01");

    private static EventSource Source(string evidence) => new()
    {
        ArticleId = Article,
        Title = "A sample report",
        Outlet = "Sample Outlet",
        Url = "https://news.invalid/sample",
        Published = HistoricalDate.OfDay(2020, 1, 15),
        Evidence = evidence,
        EvidenceSpan = new TextSpan(120, evidence.Length),
    };

    private static EventActor Actor(string name, ActorKind kind, ActorRole role) => new(ActorId.FromName(name), name, kind, role);

    public static IReadOnlyDictionary<string, IDomainEvent> All { get; } = new Dictionary<string, IDomainEvent>
    {
        ["PartyBanned"] = new PartyBanned
        {
            EventId = DeterministicGuid.Create("sample", "ban"),
            Occurred = HistoricalDate.OfMonth(2015, 9, DateQualifier.Late),
            Country = CountryCode.Parse("TJ"),
            Place = "Dushanbe",
            Actors = new[] { Actor("Example Party", ActorKind.Party, ActorRole.BannedParty), Actor("Supreme Court", ActorKind.GovernmentBody, ActorRole.BanningAuthority) },
            Source = Source("The court declared the party an extremist group."),
            Confidence = 0.9,
            Cameo = PartyBanned.DefaultCameo,
            Party = ActorId.Parse("example-party"),
            BanningAuthority = ActorId.Parse("supreme-court"),
            Designation = "extremist group",
            LegalAct = "Ruling No. 1",
        },
        ["ConferenceHeld"] = new ConferenceHeld
        {
            EventId = DeterministicGuid.Create("sample", "conference"),
            Occurred = HistoricalDate.OfDay(2017, 7, 9),
            Country = CountryCode.Parse("DE"),
            Place = "Dortmund",
            Actors = new[] { Actor("Jane Roe", ActorKind.Person, ActorRole.Participant) },
            Source = Source("About sixty people came to the meeting — «фикр»."),
            Confidence = 0.75,
            Cameo = ConferenceHeld.DefaultCameo,
            Name = "Annual forum",
            Organizer = ActorId.Parse("jane-roe"),
            Participants = new[] { ActorId.Parse("jane-roe"), ActorId.Parse("group-24") },
            Format = MeetingFormat.Hybrid,
            Attendance = 60,
            ExpectedAttendance = 300,
            Purpose = "anniversary",
        },
        ["InternetOutage"] = new InternetOutage
        {
            EventId = DeterministicGuid.Create("sample", "outage"),
            Occurred = HistoricalDate.OfDay(2020, 9, 16, approximate: true),
            Country = CountryCode.Parse("TJ"),
            Actors = new[] { Actor("Example Media", ActorKind.Media, ActorRole.Reporter) },
            Source = Source("Internet went down for about an hour."),
            Confidence = 0.6,
            Cameo = InternetOutage.DefaultCameo,
            Extent = OutageExtent.National,
            Networks = new[] { "mobile", "fixed", "wireless" },
            Duration = TimeSpan.FromHours(1),
            DurationText = "about an hour",
            OfficialExplanation = "technical glitches",
            ReportedBy = ActorId.Parse("example-media"),
        },
        ["StatementMade"] = new StatementMade
        {
            EventId = DeterministicGuid.Create("sample", "statement"),
            Occurred = HistoricalDate.OfYear(2017, DateQualifier.Mid),
            Country = CountryCode.Parse("TJ"),
            Actors = new[] { Actor("John Doe", ActorKind.Person, ActorRole.Speaker), Actor("Example Party", ActorKind.Party, ActorRole.Mentioned) },
            Source = Source("\"We are stronger,\" he said."),
            Confidence = 0.8,
            Cameo = StatementMade.DefaultCameo,
            Speaker = ActorId.Parse("john-doe"),
            SpeakerRole = "Director",
            Quotes = new[] { "We are stronger", "Second quote" },
            Gist = "claims strength",
            Mentioned = new[] { ActorId.Parse("example-party") },
            Venue = "press conference",
        },
        ["ArticleIngested"] = new ArticleIngested
        {
            EventId = DeterministicGuid.Create("sample", "ingested"),
            ArticleId = Article,
            Title = "A sample report",
            Outlet = "Sample Outlet",
            Url = "https://news.invalid/sample",
            Published = HistoricalDate.OfMonth(2020, 1),
            Language = "en",
            ContentHash = new string('a', 64),
            IngestedAt = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
            ExtractorVersion = "rules/1",
            EventCount = 4,
        },
    };
}
