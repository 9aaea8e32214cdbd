using System.Runtime.CompilerServices;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

/// <summary>Read-model records → the public view shapes.</summary>
public static class TimelineViewMapping
{
    private static readonly ConditionalWeakTable<EntryPage, IReadOnlyList<TimelineEntryView>> PageViews = new();

    /// <summary>
    /// The views of a page's entries. Queries hand out the same page object for the same question while the read
    /// model stands still, so its views are made once per page object, not once per call.
    /// </summary>
    public static IReadOnlyList<TimelineEntryView> EntryViews(this EntryPage page) =>
        PageViews.GetValue(page, p => p.Entries.Select(e => e.ToView()).ToArray());

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
