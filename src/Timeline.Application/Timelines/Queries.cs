using MediatR;

namespace Timeline.Application.Timelines;

/// <summary>Filters shared by timeline queries. Dates are EDTF/ISO text ("2015", "2015-09", "2017-07-09").</summary>
public sealed record TimelineFilter
{
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>Event type names ("PartyBanned", …); empty = all.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];
    public int PageSize { get; init; } = 100;
    public string? PageToken { get; init; }
    /// <summary>"As of" a log position ("42") or an ingestion date ("2020-09-18"): the timeline as it was known then.</summary>
    public string? AsOf { get; init; }
}

/// <summary>An actor's timeline; <paramref name="Actor"/> is an id, a name or an alias/acronym.</summary>
public sealed record GetActorTimeline(string Actor, TimelineFilter Filter) : IRequest<ActorTimelineView>;

/// <summary>A country's timeline; <paramref name="Country"/> is an ISO 3166-1 alpha-2 code (or an English name).</summary>
public sealed record GetCountryTimeline(string Country, TimelineFilter Filter) : IRequest<CountryTimelineView>;

/// <summary>Actors by prefix of name, id, alias or acronym; empty search = all, most events first.</summary>
public sealed record FindActors(string? Search, int Limit = 50) : IRequest<IReadOnlyList<ActorDirectoryEntryView>>;
