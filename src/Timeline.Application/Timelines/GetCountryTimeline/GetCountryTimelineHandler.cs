using MediatR;
using Timeline.Domain.Countries;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

public sealed class GetCountryTimelineHandler(TimelineQueries queries) : IRequestHandler<GetCountryTimeline, CountryTimelineView>
{
    public Task<CountryTimelineView> Handle(GetCountryTimeline request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Country))
            throw new InvalidRequestException("Name a country: an ISO 3166-1 alpha-2 code (TJ) or its English name (Tajikistan).");
        var query = TimelineRequestParsing.ToQuery(request.Filter);
        if (!CountryCode.TryParse(request.Country, out var code) && !CountryCode.TryFromName(request.Country, out code))
            throw new NotFoundException("country", request.Country.Trim(), Suggest(request.Country));
        try
        {
            var page = queries.CountryTimeline(code.Value, query);
            return Task.FromResult(new CountryTimelineView(new CountryView(code.Value, code.Name),
                page.EntryViews(), page.NextPageToken, page.Total));
        }
        catch (InvalidPageTokenException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }

    /// <summary>Countries whose name starts with, or is a few edits from, what was typed ("Tajikstan" → "TJ (Tajikistan)").</summary>
    private static IReadOnlyList<string> Suggest(string text)
    {
        var typed = text.Trim().ToLowerInvariant();
        var limit = Math.Max(2, typed.Length / 3);
        return CountryCode.All
            .Select(c => (Code: c, Distance: c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                ? 0
                : Math.Min(TimelineQueries.Levenshtein(typed, c.Name.ToLowerInvariant(), limit + 1),
                           TimelineQueries.Levenshtein(typed, c.Value.ToLowerInvariant(), limit + 1))))
            .Where(x => x.Distance <= limit && (typed.Length > 2 || x.Distance <= 1))
            .OrderBy(x => x.Distance).ThenBy(x => x.Code.Value, StringComparer.Ordinal)
            .Take(5)
            .Select(x => $"{x.Code.Value} ({x.Code.Name})")
            .ToList();
    }
}
