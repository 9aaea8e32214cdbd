using System.Runtime.CompilerServices;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Model;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

/// <summary>Read-model records → the public view shapes.</summary>
public static class TimelineViewMapping
{
    private static readonly ConditionalWeakTable<EntryPage, IReadOnlyList<TimelineEntryView>> PageViews = new();
    private static readonly ConditionalWeakTable<TimelineEntry, TimelineEntryView> EntryViewsMade = new();

    /// <summary>
    /// The views of a page's entries. Queries hand out the same page object for the same question while the read
    /// model stands still, and the same entry objects across pages and questions until a source joins them, so a
    /// view is made once per entry object and a page's list once per page object, not once per call.
    /// </summary>
    public static IReadOnlyList<TimelineEntryView> EntryViews(this EntryPage page) =>
        PageViews.GetValue(page, p =>
        {
            var views = new TimelineEntryView[p.Entries.Count];
            for (var i = 0; i < views.Length; i++) views[i] = EntryViewsMade.GetValue(p.Entries[i], e => e.ToView());
            return views;
        });

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
