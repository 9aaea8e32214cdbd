using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;

namespace Timeline.Domain.Events;

/// <summary>Every event the product stores. Events are facts: immutable, past tense, never edited.</summary>
public interface IDomainEvent
{
    /// <summary>Deterministic id (see <see cref="DeterministicGuid"/>): re-ingesting writes nothing twice.</summary>
    Guid EventId { get; }
}

/// <summary>
/// An event that happened in the world and belongs on timelines. The envelope every such event shares:
/// when, where, who, from which sentence of which article, and how sure the extraction is.
/// </summary>
public abstract record TimelineEvent : IDomainEvent
{
    public required Guid EventId { get; init; }
    public required HistoricalDate Occurred { get; init; }
    public required CountryCode Country { get; init; }
    /// <summary>City or venue as named in the text ("Dortmund", "Washington, D.C.").</summary>
    public string? Place { get; init; }
    public required ValueList<EventActor> Actors { get; init; }
    public required EventSource Source { get; init; }
    /// <summary>0..1: how sure the extractor is that this event happened as stated.</summary>
    public required double Confidence { get; init; }
    /// <summary>The CAMEO event code (e.g. "010" make statement, "1722" ban a party).</summary>
    public required string Cameo { get; init; }

    /// <summary>Actors in the given role, in the order the event lists them.</summary>
    public IEnumerable<EventActor> ActorsIn(ActorRole role) => Actors.Where(a => a.Role == role);
}

/// <summary>A party was banned, dissolved or designated (terrorist organization, extremist group) by an authority.</summary>
public sealed record PartyBanned : TimelineEvent
{
    public const string DefaultCameo = "1722";

    public required ActorId Party { get; init; }
    public ActorId? BanningAuthority { get; init; }
    /// <summary>"terrorist organization", "extremist group", … as the text says.</summary>
    public string? Designation { get; init; }
    /// <summary>The law, ruling or decree, if the text names it.</summary>
    public string? LegalAct { get; init; }
}

public enum MeetingFormat { Unknown, InPerson, Online, Hybrid }

/// <summary>A conference, congress, meeting or forum took place.</summary>
public sealed record ConferenceHeld : TimelineEvent
{
    /// <summary>043 "host a visit/meeting"; 044 "meet at a third location" for gatherings abroad.</summary>
    public const string DefaultCameo = "043";

    /// <summary>Its name, or a short description when it has none.</summary>
    public required string Name { get; init; }
    public ActorId? Organizer { get; init; }
    public ValueList<ActorId> Participants { get; init; } = ValueList<ActorId>.Empty;
    public MeetingFormat Format { get; init; }
    /// <summary>How many attended, if stated.</summary>
    public int? Attendance { get; init; }
    /// <summary>How many were expected, if stated (a planned figure, not an attendance).</summary>
    public int? ExpectedAttendance { get; init; }
    public string? Purpose { get; init; }
}

public enum OutageExtent { Unknown, National, Regional, Local }

/// <summary>Internet access was cut or degraded.</summary>
public sealed record InternetOutage : TimelineEvent
{
    public const string DefaultCameo = "1721";

    public OutageExtent Extent { get; init; }
    /// <summary>What went down: "mobile", "fixed", "wireless", or named services ("Facebook", "Telegram").</summary>
    public ValueList<string> Networks { get; init; } = ValueList<string>.Empty;
    /// <summary>How long it lasted, if stated (approximate durations are kept as stated in <see cref="DurationText"/>).</summary>
    public TimeSpan? Duration { get; init; }
    public string? DurationText { get; init; }
    public string? OfficialExplanation { get; init; }
    public ActorId? ReportedBy { get; init; }
}

/// <summary>Someone made a public statement: a verbatim quote or its gist.</summary>
public sealed record StatementMade : TimelineEvent
{
    public const string DefaultCameo = "010";

    public required ActorId Speaker { get; init; }
    /// <summary>The speaker's office or role as the text gives it ("Director of the Center for Strategic Studies").</summary>
    public string? SpeakerRole { get; init; }
    public ValueList<string> Quotes { get; init; } = ValueList<string>.Empty;
    /// <summary>Indirect speech, when there is no verbatim quote.</summary>
    public string? Gist { get; init; }
    public ValueList<ActorId> Mentioned { get; init; } = ValueList<ActorId>.Empty;
    public string? Venue { get; init; }
}

/// <summary>
/// An article was ingested: its metadata, written first in the article's stream so the log says when each
/// source arrived (as-of queries) and what each source is (titles, outlets) without re-reading the files.
/// </summary>
public sealed record ArticleIngested : IDomainEvent
{
    public required Guid EventId { get; init; }
    public required ArticleId ArticleId { get; init; }
    public string? Title { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    public HistoricalDate? Published { get; init; }
    public string? Language { get; init; }
    /// <summary>SHA-256 of the article body, hex.</summary>
    public required string ContentHash { get; init; }
    public required DateTimeOffset IngestedAt { get; init; }
    /// <summary>The version of the extractor that produced this article's events.</summary>
    public required string ExtractorVersion { get; init; }
    /// <summary>How many timeline events were extracted from the article.</summary>
    public int EventCount { get; init; }
}
