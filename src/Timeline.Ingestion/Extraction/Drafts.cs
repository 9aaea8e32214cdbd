using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Ingestion.Actors;

namespace Timeline.Ingestion.Extraction;

/// <summary>An event being assembled from one or more sentences, before it becomes an immutable domain event.</summary>
public abstract class EventDraft
{
    public required HistoricalDate Date { get; set; }
    public required CountryCode Country { get; set; }
    public string? Place { get; set; }
    public required SentenceView Evidence { get; set; }
    public double Confidence { get; set; }
    public List<(ArticleActor Actor, ActorRole Role)> Actors { get; } = [];

    public void AddActor(ArticleActor actor, ActorRole role)
    {
        if (!Actors.Any(a => a.Actor == actor)) Actors.Add((actor, role));
    }
}

public sealed class StatementDraft : EventDraft
{
    public required ArticleActor Speaker { get; init; }
    public List<string> Quotes { get; } = [];
    public string? Gist { get; set; }
    public string? Venue { get; set; }
    /// <summary>Dated by the day the report ran, for want of a day in the text: the next sentence may still give it.</summary>
    public bool DatedByReport { get; set; }
}

public sealed class ConferenceDraft : EventDraft
{
    public required string Name { get; set; }
    /// <summary>The name is the meeting's own ("the New Belarus conference"), not one made up from its noun and place.</summary>
    public bool HasOwnName { get; set; }
    /// <summary>What the article calls the meeting where it first reports it: "congress", "summit", "forum".</summary>
    public required string Noun { get; init; }
    public ArticleActor? Organizer { get; set; }
    public MeetingFormat Format { get; set; }
    public int? Attendance { get; set; }
    public int? ExpectedAttendance { get; set; }
    public string? Purpose { get; set; }
    public string Cameo { get; set; } = ConferenceHeld.DefaultCameo;
    /// <summary>The day it ended, when a sentence says so ("ended on Wednesday"): statements "on the closing day" were made then.</summary>
    public HistoricalDate? LastDay { get; set; }
    /// <summary>The sentences that told of this meeting, the first and every one found to tell it again.</summary>
    public List<SentenceView> Mentions { get; } = [];
    /// <summary>Words that refer back to this meeting in later sentences: its place, organizer acronym or name.</summary>
    public HashSet<string> Handles { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class BanDraft : EventDraft
{
    public required ArticleActor Party { get; init; }
    public ArticleActor? Authority { get; set; }
    public string? Designation { get; set; }
    public string? LegalAct { get; set; }
}

public sealed class OutageDraft : EventDraft
{
    public OutageExtent Extent { get; set; }
    public List<string> Networks { get; } = [];
    public TimeSpan? Duration { get; set; }
    public string? DurationText { get; set; }
    public string? Explanation { get; set; }
    public ArticleActor? ReportedBy { get; set; }
}
