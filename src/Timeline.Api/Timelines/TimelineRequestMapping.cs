using Timeline.Api.V1;
using Timeline.Application;
using Timeline.Application.Timelines;
using Timeline.Domain.Dates;
using Timeline.Domain.Serialization;

namespace Timeline.Api.Timelines;

/// <summary>Proto requests → MediatR requests. Bad input is refused here, with a message a person can act on.</summary>
public static class TimelineRequestMapping
{
    public const int MaxPageSize = 1000;

    public static GetActorTimeline ToQuery(this GetActorTimelineRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Actor))
            throw new InvalidRequestException("The actor is empty: give an actor id, name or alias (e.g. 'irpt' or 'Muhiddin Kabiri').");
        return new GetActorTimeline(request.Actor.Trim(),
            Filter(request.From, request.To, request.Types_, request.PageSize, request.PageToken, request.AsOf));
    }

    public static GetCountryTimeline ToQuery(this GetCountryTimelineRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Country))
            throw new InvalidRequestException("The country is empty: give an ISO 3166-1 alpha-2 code (e.g. 'TJ') or an English name.");
        return new GetCountryTimeline(request.Country.Trim(),
            Filter(request.From, request.To, request.Types_, request.PageSize, request.PageToken, request.AsOf));
    }

    public static FindActors ToQuery(this FindActorsRequest request)
    {
        if (request.Limit is < 0 or > MaxPageSize)
            throw new InvalidRequestException($"limit {request.Limit} is out of range: use 1..{MaxPageSize}, or 0 for the default.");
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim();
        return request.Limit == 0 ? new FindActors(search) : new FindActors(search, request.Limit);
    }

    public static TimelineFilter Filter(string from, string to, IEnumerable<string> types, int pageSize, string pageToken, string asOf)
    {
        var lower = Date(from, "from");
        var upper = Date(to, "to");
        if (lower is not null && upper is not null && lower.LowerBound > upper.UpperBound)
            throw new InvalidRequestException($"The date range is empty: from {lower.ToEdtf()} is after to {upper.ToEdtf()}.");
        if (pageSize is < 0 or > MaxPageSize)
            throw new InvalidRequestException($"page_size {pageSize} is out of range: use 1..{MaxPageSize}, or 0 for the default.");

        var filter = new TimelineFilter
        {
            From = lower?.ToEdtf(),
            To = upper?.ToEdtf(),
            Types = EventTypes(types),
            PageToken = string.IsNullOrWhiteSpace(pageToken) ? null : pageToken.Trim(),
            AsOf = string.IsNullOrWhiteSpace(asOf) ? null : asOf.Trim(),
        };
        return pageSize == 0 ? filter : filter with { PageSize = pageSize };
    }

    /// <summary>Timeline event type names in their stored spelling; any case is accepted.</summary>
    public static IReadOnlyList<string> EventTypes(IEnumerable<string> types) => Types(types, EventTypeMap.TimelineEventNames);

    public static IReadOnlyList<string> Types(IEnumerable<string> types, IReadOnlyList<string> allowed)
    {
        var result = new List<string>();
        foreach (var raw in types.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var name = allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidRequestException($"Unknown event type '{raw}'. Known types: {string.Join(", ", allowed)}.");
            if (!result.Contains(name)) result.Add(name);
        }
        return result;
    }

    private static HistoricalDate? Date(string text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return HistoricalDate.TryParseEdtf(text.Trim(), out var date, out var error)
            ? date
            : throw new InvalidRequestException($"'{text}' is not a date for '{field}' ({error}); use e.g. 2015, 2015-09 or 2017-07-09.");
    }
}
