namespace Timeline.Application.Timelines;

/// <summary>
/// What queries return. These shapes are the public JSON of the CLI (<c>--format json</c>) and mirror the gRPC
/// messages, so their property names are part of the public surface: keep them.
/// </summary>
public sealed record ActorView(string Id, string Name, string Kind, IReadOnlyList<string> Aliases);

public sealed record CountryView(string Code, string Name);

public sealed record EntryActorView(string Id, string Name, string Kind, string Role);

public sealed record SourceView(
    string ArticleId,
    string? Title,
    string? Outlet,
    string? Url,
    string? Published,
    string Evidence);

public sealed record TimelineEntryView
{
    /// <summary>Stable id of the entry (its first event's id), for paging and linking.</summary>
    public required string Id { get; init; }
    /// <summary>EDTF: the most precise date the sources support.</summary>
    public required string Occurred { get; init; }
    /// <summary>For people: "2017-07-09", "late Sep 2015".</summary>
    public required string OccurredDisplay { get; init; }
    public required string Type { get; init; }
    public required string Summary { get; init; }
    public required string Country { get; init; }
    public string? Place { get; init; }
    public required IReadOnlyList<EntryActorView> Actors { get; init; }
    public required IReadOnlyList<SourceView> Sources { get; init; }
    /// <summary>How many distinct articles report this entry.</summary>
    public required int Corroboration { get; init; }
    /// <summary>True when sources give incompatible dates; <see cref="DisputedDates"/> lists them (EDTF).</summary>
    public required bool Disputed { get; init; }
    public IReadOnlyList<string> DisputedDates { get; init; } = [];
    public required double Confidence { get; init; }
    public string? Cameo { get; init; }
}

public sealed record ActorTimelineView(ActorView Actor, IReadOnlyList<TimelineEntryView> Entries, string? NextPageToken, int TotalEntries);

public sealed record CountryTimelineView(CountryView Country, IReadOnlyList<TimelineEntryView> Entries, string? NextPageToken, int TotalEntries);

public sealed record ActorDirectoryEntryView(
    string Id,
    string Name,
    string Kind,
    IReadOnlyList<string> Aliases,
    int EventCount,
    string? FirstDate,
    string? LastDate);
