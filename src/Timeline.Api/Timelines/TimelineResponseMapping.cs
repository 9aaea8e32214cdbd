using System.Runtime.CompilerServices;
using Timeline.Api.V1;
using Timeline.Application.Timelines;

namespace Timeline.Api.Timelines;

/// <summary>View records → proto messages: field for field, nulls as empty strings (proto3 has no null strings).</summary>
public static class TimelineResponseMapping
{
    private static readonly ConditionalWeakTable<IReadOnlyList<TimelineEntryView>, TimelineEntry[]> Pages = new();
    private static readonly ConditionalWeakTable<TimelineEntryView, TimelineEntry> Entries = new();

    /// <summary>
    /// The messages of a page's entries, made once per list of views (the handlers hand out the same list for the
    /// same question while the read model stands still) and once per view (a new question still gets the views of
    /// the entries it shares with earlier answers). Shared messages are only ever read: serializing is safe from
    /// several calls at once.
    /// </summary>
    private static TimelineEntry[] EntryMessages(IReadOnlyList<TimelineEntryView> entries) =>
        Pages.GetValue(entries, list => list.Select(view => Entries.GetValue(view, ToMessage)).ToArray());

    public static GetActorTimelineResponse ToResponse(this ActorTimelineView view)
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

    public static GetCountryTimelineResponse ToResponse(this CountryTimelineView view)
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
