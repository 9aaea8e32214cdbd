using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Dates;
using Timeline.Ingestion.Articles;

namespace Timeline.Ingestion.Dates;

/// <summary>
/// What the extractor knows about when an article was published: the day from metadata or the user, or only a year
/// inferred from the text (lower confidence), or nothing. Relative dates ("on July 30") resolve against it.
/// </summary>
public sealed partial record PublicationContext
{
    /// <summary>The publication day, when known.</summary>
    public DateOnly? Day { get; init; }
    /// <summary>The year relative dates fall in when the day is unknown, inferred from the text.</summary>
    public int? InferredYear { get; init; }
    /// <summary>How the inferred year was found ("since 1992 — 28 years"), for messages.</summary>
    public string? InferredFrom { get; init; }

    public static PublicationContext None { get; } = new();

    public int? Year => Day?.Year ?? InferredYear;
    public bool IsKnown => Day is not null;

    /// <summary>The publication date as stored in the event source: a day, or only the inferred year.</summary>
    public HistoricalDate? AsStored =>
        Day is { } d ? HistoricalDate.OfDay(d) : InferredYear is { } y ? HistoricalDate.OfYear(y, DateQualifier.Approximate) : null;

    /// <summary>Multiplier for the confidence of dates resolved against this context.</summary>
    public double RelativeConfidence => Day is not null ? 0.95 : InferredYear is not null ? 0.7 : 0.0;

    /// <summary>Parses a publication date from metadata or the command line ("2020-09-18", "2020-09-18T10:00:00Z").</summary>
    public static DateOnly ParsePublished(string text, string what)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
            return DateOnly.FromDateTime(stamp.UtcDateTime);
        throw new ArticleRejectedException($"{what} '{text}' is not a date (expected YYYY-MM-DD).");
    }

    [GeneratedRegex(@"\bsince\s+(?<y>1\d{3}|20\d{2})\s*(?:[—–,:(-]|--)\s*(?:for\s+|that\s+is\s+|some\s+|about\s+)?(?<n>\d{1,3})\s+years", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SinceYearsPattern();

    [GeneratedRegex(@"\b(?<n>\d{1,3})\s+years\s+(?:since|after)\s+(?:\S+\s+){0,4}?(?:in\s+)?(?<y>1\d{3}|20\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearsSincePattern();

    /// <summary>
    /// Without a publication date, infer the year only where the text makes it safe: arithmetic the text does itself
    /// ("since 1992 — 28 years" → 2020), else the year of the latest fully written date ("July 10, 2017").
    /// </summary>
    public static PublicationContext Infer(string body, IEnumerable<HistoricalDate> fullDates)
    {
        foreach (var pattern in new[] { SinceYearsPattern(), YearsSincePattern() })
        {
            var m = pattern.Match(body);
            if (m.Success)
            {
                var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) + int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                if (year is > 1800 and < 2200)
                    return new PublicationContext { InferredYear = year, InferredFrom = $"'{m.Value}'" };
            }
        }
        var latest = fullDates.Where(d => d.Precision >= DatePrecision.Month).Select(d => d.Year).DefaultIfEmpty(0).Max();
        return latest > 0 ? new PublicationContext { InferredYear = latest, InferredFrom = $"the latest full date in the text ({latest})" } : None;
    }
}
