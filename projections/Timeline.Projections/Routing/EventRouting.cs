using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.Projections.Model;

namespace Timeline.Projections.Routing;

/// <summary>When and in which article an event's source entered the log.</summary>
public readonly record struct Arrival(ulong Position, long IngestedAtMs);

/// <summary>
/// The routing step of the projections: which actors and which country an event touches, and which
/// real-world event it reports (its corroboration key). Pure functions of the event.
/// </summary>
public static class EventRouting
{
    /// <summary>Actor ids whose timelines show this event: every actor it names, in any role.</summary>
    public static IReadOnlyList<ActorId> ActorsOf(TimelineEvent e)
    {
        var ids = new List<ActorId>(e.Actors.Count + 2);
        foreach (var a in e.Actors)
            if (!ids.Contains(a.Id)) ids.Add(a.Id);
        void Add(ActorId? id)
        {
            if (id is { } value && value.Value is not null && !ids.Contains(value)) ids.Add(value);
        }
        switch (e)
        {
            case PartyBanned b: Add(b.Party); Add(b.BanningAuthority); break;
            case ConferenceHeld c: Add(c.Organizer); foreach (var p in c.Participants) Add(p); break;
            case StatementMade s: Add(s.Speaker); break;
            case InternetOutage o: Add(o.ReportedBy); break;
        }
        return ids;
    }

    /// <summary>
    /// Reports of one real-world event share this key: same type, same principal actor (banned party, organizer,
    /// speaker; for an outage the affected country itself) and same country. Dates are compared by the fold.
    /// </summary>
    public static string KeyOf(TimelineEvent e)
    {
        var type = EventTypeMap.For(e).Name;
        var principal = e switch
        {
            PartyBanned b => b.Party.Value,
            ConferenceHeld c => c.Organizer?.Value
                                ?? (c.Place is { Length: > 0 } place ? "at:" + Normalize(place) : "named:" + Normalize(c.Name)),
            InternetOutage => "",
            StatementMade s => s.Speaker.Value,
            _ => "",
        };
        return $"{type}|{principal}|{e.Country.Value}";
    }

    public static EntrySource ToSource(TimelineEvent e, Arrival arrival)
    {
        var actors = new List<EntryActor>(e.Actors.Count);
        foreach (var a in e.Actors)
            actors.Add(new EntryActor(a.Id.Value, a.Name, KebabName.Of(a.Kind), KebabName.Of(a.Role)));
        return new EntrySource
        {
            EventId = e.EventId,
            Position = arrival.Position,
            IngestedAtMs = arrival.IngestedAtMs,
            Key = KeyOf(e),
            Type = EventTypeMap.For(e).Name,
            Country = e.Country.Value,
            Occurred = e.Occurred,
            Place = e.Place,
            Actors = actors,
            ArticleId = e.Source.ArticleId.Value,
            Title = e.Source.Title,
            Outlet = e.Source.Outlet,
            Url = e.Source.Url,
            Published = e.Source.Published?.ToEdtf(),
            Evidence = e.Source.Evidence,
            Confidence = e.Confidence,
            Cameo = e.Cameo,
            Summary = Summaries.Of(e),
            Quotes = e is StatementMade st ? st.Quotes.ToArray() : [],
            Gist = (e as StatementMade)?.Gist,
            Name = (e as ConferenceHeld)?.Name,
        };
    }

    private static string Normalize(string text) => string.Join(' ',
        text.ToLowerInvariant().Split([' ', ',', '.', '-', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
