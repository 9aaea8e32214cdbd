using System.Globalization;
using Timeline.Domain.Dates;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.Projections.ReadModel;

namespace Timeline.Application.Timelines;

/// <summary>Turns the text filters users type into a read-model query, or says clearly what is wrong with them.</summary>
public static class TimelineRequestParsing
{
    public const int MaxPageSize = 10_000;

    public static EntryQuery ToQuery(TimelineFilter filter)
    {
        var from = filter.From is { Length: > 0 } f ? ParseDate(f, "--from") : null;
        var to = filter.To is { Length: > 0 } t ? ParseDate(t, "--to") : null;
        if (from is not null && to is not null && from.LowerBound > to.UpperBound)
            throw new InvalidRequestException($"The range is empty: from {from.ToEdtf()} is after to {to.ToEdtf()}.");
        if (filter.PageSize is < 1 or > MaxPageSize)
            throw new InvalidRequestException($"Page size must be between 1 and {MaxPageSize}, not {filter.PageSize}.");
        return new EntryQuery
        {
            From = from?.LowerBound,
            To = to?.UpperBound,
            Types = ParseTypes(filter.Types),
            PageSize = filter.PageSize,
            PageToken = filter.PageToken,
            AsOf = filter.AsOf is { Length: > 0 } asOf ? ParseAsOf(asOf) : null,
        };
    }

    public static HistoricalDate ParseDate(string text, string what) =>
        HistoricalDate.TryParseEdtf(text, out var date, out var error)
            ? date
            : throw new InvalidRequestException($"{what}: {error}");

    private static IReadOnlySet<string>? ParseTypes(IReadOnlyList<string> types)
    {
        if (types.Count == 0) return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in types.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!EventTypeMap.TryNormalizeName(raw, out var name) || !EventTypeMap.TimelineEventNames.Contains(name))
                throw new InvalidRequestException(
                    $"'{raw}' is not an event type; use one of {string.Join(", ", EventTypeMap.TimelineEventNames)}.");
            set.Add(name);
        }
        return set.Count == 0 ? null : set;
    }

    /// <summary>
    /// A bare number (or commit/prepare pair) is a log position; anything else is an ingestion date or instant:
    /// a date means "up to the end of that day, UTC".
    /// </summary>
    public static AsOf ParseAsOf(string text)
    {
        text = text.Trim();
        if (LogPosition.TryParse(text, out var position)) return new AsOf(position, null);
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return new AsOf(null, instant);
        if (HistoricalDate.TryParseEdtf(text, out var date) && !date.IsApproximate)
        {
            var endOfDay = new DateTimeOffset(date.UpperBound.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddMilliseconds(-1);
            return new AsOf(null, endOfDay);
        }
        throw new InvalidRequestException(
            $"--as-of '{text}' is neither a log position (e.g. 42) nor an ingestion date (e.g. 2020-09-18 or 2020-09-18T12:00:00Z).");
    }
}
