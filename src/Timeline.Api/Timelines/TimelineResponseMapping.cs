using System.Runtime.CompilerServices;
using Timeline.Api.V1;
using Timeline.Application.Timelines;

namespace Timeline.Api.Timelines;

/// <summary>View records → proto messages: field for field, nulls as empty strings (proto3 has no null strings).</summary>
public static class TimelineResponseMapping
{
    private static readonly ConditionalWeakTable<IReadOnlyList<TimelineEntryView>, TimelineEntry[]> Pages = new();
    private static readonly ConditionalWeakTable<TimelineEntryView, TimelineEntry> Entries = new();
    private static readonly ConditionalWeakTable<IReadOnlyList<TimelineEntryView>, GetActorTimelineResponse> ActorAnswers = new();
    private static readonly ConditionalWeakTable<IReadOnlyList<TimelineEntryView>, GetCountryTimelineResponse> CountryAnswers = new();

    /// <summary>
    /// The messages of a page's entries, made once per list of views (the handlers hand out the same list for the
    /// same question while the read model stands still) and once per view (a new question still gets the views of
    /// the entries it shares with earlier answers). Shared messages are only ever read: serializing is safe from
    /// several calls at once.
    /// </summary>
    private static TimelineEntry[] EntryMessages(IReadOnlyList<TimelineEntryView> entries) =>
        Pages.GetValue(entries, list => list.Select(view => Entries.GetValue(view, ToMessage)).ToArray());

    /// <summary>
    /// One response per page of views, kept with its encoded bytes: the same question gets the same page while the
    /// read model stands still, so from the second call on an answer costs a lookup and a copy. The page's other
    /// facts are checked too, so a page shared by two different answers can never hand out the wrong one.
    /// </summary>
    public static GetActorTimelineResponse ToResponse(this ActorTimelineView view)
    {
        if (ActorAnswers.TryGetValue(view.Entries, out var kept) && kept.NextPageToken == (view.NextPageToken ?? "")
            && kept.TotalEntries == view.TotalEntries && SameActor(kept.Actor, view.Actor))
            return kept;
        var response = EncodedAnswers.Keep(NewResponse(view));
        ActorAnswers.AddOrUpdate(view.Entries, response);
        return response;
    }

    public static GetCountryTimelineResponse ToResponse(this CountryTimelineView view)
    {
        if (CountryAnswers.TryGetValue(view.Entries, out var kept) && kept.NextPageToken == (view.NextPageToken ?? "")
            && kept.TotalEntries == view.TotalEntries && kept.Country.Code == view.Country.Code && kept.Country.Name == view.Country.Name)
            return kept;
        var response = EncodedAnswers.Keep(NewResponse(view));
        CountryAnswers.AddOrUpdate(view.Entries, response);
        return response;
    }

    private static bool SameActor(Actor kept, ActorView actor) =>
        kept.Id == actor.Id && kept.Name == actor.Name && kept.Kind == actor.Kind && kept.Aliases.SequenceEqual(actor.Aliases);

    private static GetActorTimelineResponse NewResponse(ActorTimelineView view)
    {
        var response = new GetActorTimelineResponse
        {
            Actor = new Actor { Id = view.Actor.Id, Name = view.Actor.Name, Kind = view.Actor.Kind, Aliases = { view.Actor.Aliases } },
            NextPageToken = view.NextPageToken ?? "",
            TotalEntries = view.TotalEntries,
        };
        response.Entries.AddRange(EntryMessages(view.Entries));
        return response;
    }

    private static GetCountryTimelineResponse NewResponse(CountryTimelineView view)
    {
        var response = new GetCountryTimelineResponse
        {
            Country = new Country { Code = view.Country.Code, Name = view.Country.Name },
            NextPageToken = view.NextPageToken ?? "",
            TotalEntries = view.TotalEntries,
        };
        response.Entries.AddRange(EntryMessages(view.Entries));
        return response;
    }

    public static FindActorsResponse ToResponse(this IReadOnlyList<ActorDirectoryEntryView> actors)
    {
        var response = new FindActorsResponse();
        response.Actors.AddRange(actors.Select(a => new ActorDirectoryEntry
        {
            Id = a.Id,
            Name = a.Name,
            Kind = a.Kind,
            Aliases = { a.Aliases },
            EventCount = a.EventCount,
            FirstDate = a.FirstDate ?? "",
            LastDate = a.LastDate ?? "",
        }));
        return response;
    }

    public static TimelineEntry ToMessage(TimelineEntryView e)
    {
        var entry = new TimelineEntry
        {
            Id = e.Id,
            Occurred = e.Occurred,
            OccurredDisplay = e.OccurredDisplay,
            Type = e.Type,
            Summary = e.Summary,
            Country = e.Country,
            Place = e.Place ?? "",
            Corroboration = e.Corroboration,
            Disputed = e.Disputed,
            DisputedDates = { e.DisputedDates },
            Confidence = e.Confidence,
            Cameo = e.Cameo ?? "",
        };
        entry.Actors.AddRange(e.Actors.Select(a => new EntryActor { Id = a.Id, Name = a.Name, Kind = a.Kind, Role = a.Role }));
        entry.Sources.AddRange(e.Sources.Select(s => new Source
        {
            ArticleId = s.ArticleId,
            Title = s.Title ?? "",
            Outlet = s.Outlet ?? "",
            Url = s.Url ?? "",
            Published = s.Published ?? "",
            Evidence = s.Evidence,
        }));
        return entry;
    }
}
