using System.Security.Cryptography;
using System.Text;
using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Rules;
using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Extraction;

/// <summary>What extraction made of one article.</summary>
public sealed record ExtractionResult
{
    public required ArticleId ArticleId { get; init; }
    /// <summary>SHA-256 of the body (hex): the same text always has the same hash.</summary>
    public required string ContentHash { get; init; }
    public HistoricalDate? Published { get; init; }
    public required IReadOnlyList<TimelineEvent> Events { get; init; }
    public required int SentenceCount { get; init; }
}

/// <summary>
/// The rule-based extractor: split sentences, resolve dates, find actors and places, apply the rules of the four event
/// types, and build domain events with provenance. Deterministic: the same article always gives the same events and ids.
/// Thread-safe: one instance serves parallel extraction.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Stored in every event's metadata; bump when rules change what is extracted.</summary>
    public const string Version = "rules/1.8";

    /// <summary>Longest body accepted (characters): longer "articles" are dumps or binary junk, not news.</summary>
    public const int MaxBodyLength = 2_000_000;

    private readonly SentenceSplitter _splitter;
    private readonly DateResolver _dates;
    private readonly ActorResolver _actors;
    private readonly StatementRules _statements;
    private readonly ConferenceRules _conferences;
    private readonly BanRules _bans;
    private readonly OutageRules _outages;

    public static ArticleExtractor Default { get; } = new(Lexicon.Default, Gazetteer.Gazetteer.Default);

    public ArticleExtractor(Lexicon lexicon, Gazetteer.Gazetteer gazetteer)
    {
        _splitter = new SentenceSplitter(lexicon);
        _dates = new DateResolver(lexicon);
        _actors = new ActorResolver(gazetteer, lexicon);
        _statements = new StatementRules(lexicon);
        _conferences = new ConferenceRules(lexicon);
        _bans = new BanRules(lexicon);
        _outages = new OutageRules(lexicon);
    }

    /// <summary>Extracts the events of an article. Throws <see cref="ArticleRejectedException"/> when the article cannot be ingested.</summary>
    /// <param name="defaultPublished">The publication date to assume when the article has none (the CLI's --published).</param>
    public ExtractionResult Extract(ArticleDocument article, DateOnly? defaultPublished = null)
    {
        var body = Validate(article.Body);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var id = IdOf(article, hash);

        var sentences = _splitter.Split(body);
        var publication = article.Published is { Length: > 0 } p ? new PublicationContext { Day = PublicationContext.ParsePublished(p, "The published date") }
            : defaultPublished is { } d ? new PublicationContext { Day = d }
            : PublicationContext.Infer(body, _dates.FullDates(sentences));
        var dates = _dates.ResolveAll(sentences, publication);
        var names = _actors.Resolve(sentences);
        var views = sentences.Select((s, i) => new SentenceView(s, dates[i], names.Actors[i], names.Places[i])).ToArray();
        var context = new ArticleContext { ArticleId = id, Publication = publication, Views = views, Names = names, Title = article.Title };

        // Meetings first: statements made "at the GW event" take the meeting's date.
        _conferences.Apply(context);
        _bans.Apply(context);
        _outages.Apply(context);
        _statements.Apply(context);

        var source = new EventSourceTemplate(id, article, publication.AsStored);
        var events = new List<TimelineEvent>();
        events.AddRange(context.Bans.Select(b => Build(b, source)));
        events.AddRange(context.Conferences.Select(c => Build(c, source)));
        events.AddRange(context.Outages.Select(o => Build(o, source)));
        events.AddRange(context.Statements.Select(s => Build(s, source)));
        // Deterministic order (by where the evidence is), and never two events with one id.
        var ordered = events.DistinctBy(e => e.EventId).OrderBy(e => e.Source.EvidenceSpan.Start).ThenBy(e => e.EventId).ToList();
        return new ExtractionResult { ArticleId = id, ContentHash = hash, Published = publication.AsStored, Events = ordered, SentenceCount = sentences.Count };
    }

    private static string Validate(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new ArticleRejectedException("the article is empty.");
        if (body.Length > MaxBodyLength) throw new ArticleRejectedException($"the article body is {body.Length:N0} characters; the limit is {MaxBodyLength:N0}.");
        var control = 0;
        foreach (var c in body)
        {
            if (c == '\0') throw new ArticleRejectedException("the article contains NUL characters (binary data, not text).");
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) control++;
        }
        if (control > body.Length / 100 + 2) throw new ArticleRejectedException("the article is mostly control characters (binary data, not text).");
        return body.Replace("\r\n", "\n").Replace('\r', '\n');
    }

    private static ArticleId IdOf(ArticleDocument article, string hash)
    {
        if (article.Id is { Length: > 0 } given)
            return ArticleId.TryParse(given.Trim(), out var id, out var error) ? id : throw new ArticleRejectedException(error);
        return ArticleId.Parse("sha256-" + hash[..32]);
    }

    private sealed record EventSourceTemplate(ArticleId Id, ArticleDocument Article, HistoricalDate? Published);

    private static EventSource SourceOf(EventSourceTemplate t, SentenceView evidence) => new()
    {
        ArticleId = t.Id,
        Title = t.Article.Title,
        Outlet = t.Article.Outlet,
        Url = t.Article.Url,
        Published = t.Published,
        Evidence = evidence.Sentence.Text,
        EvidenceSpan = new TextSpan(evidence.Sentence.Start, evidence.Sentence.Length),
    };

    private static ValueList<EventActor> ActorsOf(EventDraft draft) =>
        draft.Actors.Select(a => new EventActor(a.Actor.Id, a.Actor.Name, a.Actor.Kind, a.Role)).ToArray();

    private static double Round(double confidence) => Math.Round(Math.Clamp(confidence, 0.05, 0.99), 2);

    private static PartyBanned Build(BanDraft d, EventSourceTemplate s) => new()
    {
        EventId = DeterministicGuid.Create(s.Id.Value, "PartyBanned", d.Party.Id.Value, d.Date.ToEdtf()),
        Occurred = d.Date, Country = d.Country, Place = d.Place, Actors = ActorsOf(d), Source = SourceOf(s, d.Evidence),
        Confidence = Round(d.Confidence), Cameo = PartyBanned.DefaultCameo,
        Party = d.Party.Id, BanningAuthority = d.Authority?.Id, Designation = d.Designation, LegalAct = d.LegalAct,
    };

    private static ConferenceHeld Build(ConferenceDraft d, EventSourceTemplate s) => new()
    {
        EventId = DeterministicGuid.Create(s.Id.Value, "ConferenceHeld", d.Place ?? d.Organizer?.Id.Value ?? d.Name, d.Date.ToEdtf()),
        Occurred = d.Date, Country = d.Country, Place = d.Place, Actors = ActorsOf(d), Source = SourceOf(s, d.Evidence),
        Confidence = Round(d.Confidence), Cameo = d.Cameo,
        Name = d.Name, Organizer = d.Organizer?.Id,
        Participants = d.Actors.Where(a => a.Role == ActorRole.Participant).Select(a => a.Actor.Id).ToArray(),
        Format = d.Format, Attendance = d.Attendance, ExpectedAttendance = d.ExpectedAttendance, Purpose = d.Purpose,
    };

    private static InternetOutage Build(OutageDraft d, EventSourceTemplate s) => new()
    {
        EventId = DeterministicGuid.Create(s.Id.Value, "InternetOutage", d.Country.Value, d.Date.ToEdtf()),
        Occurred = d.Date, Country = d.Country, Place = d.Place, Actors = ActorsOf(d), Source = SourceOf(s, d.Evidence),
        Confidence = Round(d.Confidence), Cameo = InternetOutage.DefaultCameo,
        Extent = d.Extent, Networks = d.Networks.ToArray(), Duration = d.Duration, DurationText = d.DurationText,
        OfficialExplanation = d.Explanation, ReportedBy = d.ReportedBy?.Id,
    };

    private static StatementMade Build(StatementDraft d, EventSourceTemplate s) => new()
    {
        EventId = DeterministicGuid.Create(s.Id.Value, "StatementMade", d.Speaker.Id.Value, d.Date.ToEdtf()),
        Occurred = d.Date, Country = d.Country, Place = d.Place, Actors = ActorsOf(d), Source = SourceOf(s, d.Evidence),
        Confidence = Round(d.Confidence), Cameo = StatementMade.DefaultCameo,
        Speaker = d.Speaker.Id, SpeakerRole = d.Speaker.Role, Quotes = d.Quotes.ToArray(), Gist = d.Gist,
        Mentioned = d.Actors.Where(a => a.Role == ActorRole.Mentioned).Select(a => a.Actor.Id).ToArray(), Venue = d.Venue,
    };
}
