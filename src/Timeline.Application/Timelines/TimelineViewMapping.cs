using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;

namespace Timeline.Application.Timelines;

/// <summary>Read-model records → the public view shapes.</summary>
public static class TimelineViewMapping
{
    public static TimelineEntryView ToView(this TimelineEntry e) => new()
    {
        Id = e.Id,
        Occurred = e.Occurred.ToEdtf(),
        OccurredDisplay = e.Occurred.ToDisplay(),
        Type = e.Type,
        Summary = e.Summary,
        Country = e.Country,
        Place = e.Place,
        Actors = e.Actors.Select(a => new EntryActorView(a.Id, a.Name, a.Kind, a.Role)).ToList(),
        Sources = e.Sources.Select(s => new SourceView(s.ArticleId, s.Title, s.Outlet, s.Url, s.Published, s.Evidence)).ToList(),
        Corroboration = e.Corroboration,
        Disputed = e.Disputed,
        DisputedDates = e.DisputedDates,
        Confidence = e.Confidence,
        Cameo = e.Cameo,
    };

    public static ActorView ToView(this DirectoryActor a) => new(a.Id, a.Name, a.Kind, a.Aliases);

    public static ActorDirectoryEntryView ToDirectoryView(this DirectoryActor a) =>
        new(a.Id, a.Name, a.Kind, a.Aliases, a.EventCount, a.First.ToEdtf(), a.Last.ToEdtf());
}
