using System.Globalization;
using System.Text.RegularExpressions;

namespace Timeline.Domain.Dates;

/// <summary>How a date is narrowed or loosened beyond its plain precision.</summary>
public enum DateQualifier
{
    None,
    /// <summary>"about September 2015": rendered with EDTF's <c>~</c>.</summary>
    Approximate,
    /// <summary>First third of the month (days 1–10) or of the year (January–April).</summary>
    Early,
    /// <summary>Middle third of the month (days 11–20) or of the year (May–August).</summary>
    Mid,
    /// <summary>Last third of the month (day 21 to its end) or of the year (September–December).</summary>
    Late,
}

public enum DatePrecision { Year = 0, Month = 1, Day = 2 }

/// <summary>
/// A date as news reports give it: a year, optionally a month and a day, and a qualifier.
/// It never pretends to more precision than it has: "late September 2015" stays a span of
/// days with a lower and an upper bound, and renders as EDTF (ISO 8601-2).
/// </summary>
/// <remarks>
/// EDTF has no "early/mid/late", so those are written as the EDTF interval they stand for
/// (<c>2015-09-21/2015-09-30</c>) and that exact interval parses back to the qualified date.
/// </remarks>
public sealed record HistoricalDate : IComparable<HistoricalDate>
{
    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }
    public DateQualifier Qualifier { get; }

    public HistoricalDate(int year, int? month = null, int? day = null, DateQualifier qualifier = DateQualifier.None)
    {
        if (year is < 1 or > 9999)
            throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1 and 9999.");
        if (month is not null && month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be between 1 and 12.");
        if (day is not null && month is null)
            throw new ArgumentException("A day needs a month.", nameof(day));
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
            throw new ArgumentOutOfRangeException(nameof(day), day,
                $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month!.Value)} {year} has no day {day}.");
        if (day is not null && qualifier is DateQualifier.Early or DateQualifier.Mid or DateQualifier.Late)
            throw new ArgumentException("Early, mid and late qualify a month or a year, not a day.", nameof(qualifier));

        Year = year;
        Month = month;
        Day = day;
        Qualifier = qualifier;
    }

    public static HistoricalDate OfYear(int year, DateQualifier qualifier = DateQualifier.None) => new(year, null, null, qualifier);
    public static HistoricalDate OfMonth(int year, int month, DateQualifier qualifier = DateQualifier.None) => new(year, month, null, qualifier);
    public static HistoricalDate OfDay(int year, int month, int day, bool approximate = false) =>
        new(year, month, day, approximate ? DateQualifier.Approximate : DateQualifier.None);
    public static HistoricalDate OfDay(DateOnly date) => new(date.Year, date.Month, date.Day);

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;
    public bool IsApproximate => Qualifier == DateQualifier.Approximate;

    /// <summary>The first day this date can mean.</summary>
    public DateOnly LowerBound => Precision switch
    {
        DatePrecision.Day => new DateOnly(Year, Month!.Value, Day!.Value),
        DatePrecision.Month => new DateOnly(Year, Month!.Value, Qualifier switch
        {
            DateQualifier.Mid => 11,
            DateQualifier.Late => 21,
            _ => 1,
        }),
        _ => new DateOnly(Year, Qualifier switch
        {
            DateQualifier.Mid => 5,
            DateQualifier.Late => 9,
            _ => 1,
        }, 1),
    };

    /// <summary>The last day this date can mean.</summary>
    public DateOnly UpperBound => Precision switch
    {
        DatePrecision.Day => LowerBound,
        DatePrecision.Month => new DateOnly(Year, Month!.Value, Qualifier switch
        {
            DateQualifier.Early => 10,
            DateQualifier.Mid => 20,
            _ => DateTime.DaysInMonth(Year, Month!.Value),
        }),
        _ => Qualifier switch
        {
            DateQualifier.Early => new DateOnly(Year, 4, 30),
            DateQualifier.Mid => new DateOnly(Year, 8, 31),
            _ => new DateOnly(Year, 12, 31),
        },
    };

    /// <summary>Number of days the date may mean; smaller is more precise.</summary>
    public int SpanInDays => UpperBound.DayNumber - LowerBound.DayNumber + 1;

    /// <summary>True when the two dates can mean the same day.</summary>
    public bool Overlaps(HistoricalDate other) =>
        LowerBound <= other.UpperBound && other.LowerBound <= UpperBound;

    /// <summary>True when every day this date can mean is also a day <paramref name="other"/> can mean.</summary>
    public bool IsWithin(HistoricalDate other) =>
        LowerBound >= other.LowerBound && UpperBound <= other.UpperBound;

    /// <summary>Orders by lower bound, then the more precise (narrower) date first, then exact before approximate.</summary>
    public int CompareTo(HistoricalDate? other)
    {
        if (other is null) return 1;
        var c = LowerBound.CompareTo(other.LowerBound);
        if (c != 0) return c;
        c = UpperBound.CompareTo(other.UpperBound);
        if (c != 0) return c;
        c = IsApproximate.CompareTo(other.IsApproximate);
        if (c != 0) return c;
        // Same bounds and approximation but a different form ("late 2015" vs "2015-09/2015-12" cannot
        // differ, so this only separates e.g. "2015-09-01..30" day spans from the month itself).
        return Precision.CompareTo(other.Precision);
    }

    public static bool operator <(HistoricalDate a, HistoricalDate b) => a.CompareTo(b) < 0;
    public static bool operator >(HistoricalDate a, HistoricalDate b) => a.CompareTo(b) > 0;
    public static bool operator <=(HistoricalDate a, HistoricalDate b) => a.CompareTo(b) <= 0;
    public static bool operator >=(HistoricalDate a, HistoricalDate b) => a.CompareTo(b) >= 0;

    /// <summary>The EDTF form: <c>2015</c>, <c>2015-09</c>, <c>2015-09~</c>, <c>2017-07-09</c>, or an interval for early/mid/late.</summary>
    public string ToEdtf()
    {
        var plain = Precision switch
        {
            DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
            DatePrecision.Month => $"{Year:D4}-{Month:D2}",
            _ => $"{Year:D4}",
        };
        return Qualifier switch
        {
            DateQualifier.Approximate => plain + "~",
            DateQualifier.Early or DateQualifier.Mid or DateQualifier.Late when Precision == DatePrecision.Month =>
                $"{LowerBound:yyyy-MM-dd}/{UpperBound:yyyy-MM-dd}",
            DateQualifier.Early or DateQualifier.Mid or DateQualifier.Late =>
                $"{LowerBound:yyyy-MM}/{UpperBound:yyyy-MM}",
            _ => plain,
        };
    }

    public override string ToString() => ToEdtf();

    /// <summary>For people: "2017-07-09", "Sep 2015", "late Sep 2015", "c. 2015".</summary>
    public string ToDisplay()
    {
        var plain = Precision switch
        {
            DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
            DatePrecision.Month => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(Month!.Value)} {Year}",
            _ => Year.ToString(CultureInfo.InvariantCulture),
        };
        return Qualifier switch
        {
            DateQualifier.Approximate => "c. " + plain,
            DateQualifier.Early => "early " + plain,
            DateQualifier.Mid => "mid " + plain,
            DateQualifier.Late => "late " + plain,
            _ => plain,
        };
    }

    private static readonly Regex Single = new(@"^(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2}))?)?(?<q>[~?%])?$", RegexOptions.CultureInvariant);
    private static readonly Regex Interval = new(@"^(?<a>\d{4}(?:-\d{2}(?:-\d{2})?)?)/(?<b>\d{4}(?:-\d{2}(?:-\d{2})?)?)$", RegexOptions.CultureInvariant);

    public static HistoricalDate ParseEdtf(string text) =>
        TryParseEdtf(text, out var date, out var error) ? date : throw new FormatException(error);

    public static bool TryParseEdtf(string? text, out HistoricalDate date) => TryParseEdtf(text, out date, out _);

    public static bool TryParseEdtf(string? text, out HistoricalDate date, out string error)
    {
        date = null!;
        error = "";
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "A date is empty.";
            return false;
        }

        // Every stored event carries dates: the plain forms are read without the regular expression, and the intervals
        // that stand for early/mid/late are remembered once worked out (a replay reads the same few thousand again and again).
        if (TryParsePlain(text, out date, out error) is { } parsed) return parsed;
        if (KnownIntervals.TryGetValue(text, out var known))
        {
            date = known;
            return true;
        }

        var m = Single.Match(text);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            int? month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
            int? day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
            // EDTF's "?" (uncertain) and "%" (both) are read as approximate: we keep one notion of looseness.
            var qualifier = m.Groups["q"].Success ? DateQualifier.Approximate : DateQualifier.None;
            return TryCreate(year, month, day, qualifier, text, out date, out error);
        }

        var i = Interval.Match(text);
        if (i.Success)
        {
            foreach (var candidate in QualifiedCandidates(i.Groups["a"].Value))
            {
                if (candidate.ToEdtf() == text)
                {
                    date = candidate;
                    if (KnownIntervals.Count < 100_000) KnownIntervals.TryAdd(text, candidate);
                    return true;
                }
            }
            error = $"'{text}' is an EDTF interval that is not an early/mid/late part of a month or year.";
            return false;
        }

        error = $"'{text}' is not an EDTF date (expected e.g. 2015, 2015-09, 2015-09~, 2017-07-09).";
        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HistoricalDate> KnownIntervals = new(StringComparer.Ordinal);

    /// <summary>
    /// "2015", "2015-09", "2017-07-09", each optionally followed by ~, ? or %, in ASCII digits: what <see cref="Single"/>
    /// matches, read by hand: whether it is a real date, or null for any other text, which goes to the expressions.
    /// </summary>
    private static bool? TryParsePlain(string text, out HistoricalDate date, out string error)
    {
        date = null!;
        error = "";
        var length = text.Length;
        var qualifier = DateQualifier.None;
        if (length > 0 && text[^1] is '~' or '?' or '%')
        {
            qualifier = DateQualifier.Approximate;
            length--;
        }
        if (length is not (4 or 7 or 10)) return null;
        if (!Digits(text, 0, 4, out var year)) return null;
        int? month = null, day = null;
        if (length >= 7)
        {
            if (text[4] != '-' || !Digits(text, 5, 2, out var m)) return null;
            month = m;
        }
        if (length == 10)
        {
            if (text[7] != '-' || !Digits(text, 8, 2, out var d)) return null;
            day = d;
        }
        return TryCreate(year, month, day, qualifier, text, out date, out error);
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static IEnumerable<HistoricalDate> QualifiedCandidates(string start)
    {
        var parts = start.Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1) yield break;
        if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            foreach (var q in new[] { DateQualifier.Early, DateQualifier.Mid, DateQualifier.Late })
            {
                yield return OfMonth(year, month, q);
                yield return OfYear(year, q);
            }
        }
    }

    private static bool TryCreate(int year, int? month, int? day, DateQualifier qualifier, string text, out HistoricalDate date, out string error)
    {
        date = null!;
        error = "";
        if (year < 1 || month is < 1 or > 12 || (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value))))
        {
            error = $"'{text}' is not a real date.";
            return false;
        }
        date = new HistoricalDate(year, month, day, qualifier);
        return true;
    }
}
