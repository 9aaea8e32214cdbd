using System.Globalization;
using System.Text;

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

    public static HistoricalDate ParseEdtf(string text) =>
        TryParseEdtf(text, out var date, out var error) ? date : throw new FormatException(error);

    public static bool TryParseEdtf(string? text, out HistoricalDate date) => TryParseEdtf(text.AsSpan(), out date, out _);

    public static bool TryParseEdtf(string? text, out HistoricalDate date, out string error) => TryParseEdtf(text.AsSpan(), out date, out error);

    /// <summary>
    /// Reads <c>2015</c>, <c>2015-09</c>, <c>2017-07-09</c> (each optionally followed by <c>~</c>, <c>?</c> or <c>%</c>, all
    /// read as approximate) and the intervals that stand for early/mid/late. From characters rather than a string, so a
    /// decoder can read a stored date without making a string of it first.
    /// </summary>
    /// <remarks>
    /// The shapes are those of the regular expressions this replaced, whose <c>\d</c> matched the decimal digits of every
    /// script (<see cref="char.IsDigit(char)"/>): a single date in other digits still ends in <see cref="int.Parse(string, IFormatProvider)"/>,
    /// which throws, as it always did; an interval in other digits is refused.
    /// </remarks>
    public static bool TryParseEdtf(ReadOnlySpan<char> text, out HistoricalDate date, out string error)
    {
        date = null!;
        error = "";
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "A date is empty.";
            return false;
        }

        if (TryParseSingle(text, out date, out error) is { } parsed) return parsed;

        if (IsDate(text, out var startLength) && startLength < text.Length - 1 && text[startLength] == '/' && IsDate(text[(startLength + 1)..], out var endLength)
            && startLength + 1 + endLength == text.Length)
        {
            // The intervals that stand for early/mid/late are remembered once worked out: a replay reads the same few
            // thousand again and again.
            if (KnownIntervalsBySpan.TryGetValue(text, out var known))
            {
                date = known;
                return true;
            }
            var whole = text.ToString();
            foreach (var candidate in QualifiedCandidates(whole[..startLength]))
            {
                if (candidate.ToEdtf() == whole)
                {
                    date = candidate;
                    if (KnownIntervals.Count < 100_000) KnownIntervals.TryAdd(whole, candidate);
                    return true;
                }
            }
            error = $"'{whole}' is an EDTF interval that is not an early/mid/late part of a month or year.";
            return false;
        }

        error = $"'{text}' is not an EDTF date (expected e.g. 2015, 2015-09, 2015-09~, 2017-07-09).";
        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HistoricalDate> KnownIntervals = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HistoricalDate>.AlternateLookup<ReadOnlySpan<char>> KnownIntervalsBySpan =
        KnownIntervals.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// "2015", "2015-09", "2017-07-09", each optionally followed by ~, ? or %: whether it is a real date, or null for
    /// text of any other shape.
    /// </summary>
    private static bool? TryParseSingle(ReadOnlySpan<char> text, out HistoricalDate date, out string error)
    {
        date = null!;
        error = "";
        var qualifier = DateQualifier.None;
        var body = text;
        if (body[^1] is '~' or '?' or '%')
        {
            // EDTF's "?" (uncertain) and "%" (both) are read as approximate: we keep one notion of looseness.
            qualifier = DateQualifier.Approximate;
            body = body[..^1];
        }
        if (!IsDate(body, out var length) || length != body.Length) return null;

        if (Ascii.IsValid(body))
        {
            var year = Digits(body[..4]);
            int? month = body.Length >= 7 ? Digits(body.Slice(5, 2)) : null;
            int? day = body.Length == 10 ? Digits(body.Slice(8, 2)) : null;
            return TryCreate(year, month, day, qualifier, text, out date, out error);
        }
        // Digits of another script: int.Parse refuses them with a FormatException, as the expression's path always did.
        var otherYear = int.Parse(body[..4].ToString(), CultureInfo.InvariantCulture);
        int? otherMonth = body.Length >= 7 ? int.Parse(body.Slice(5, 2).ToString(), CultureInfo.InvariantCulture) : null;
        int? otherDay = body.Length == 10 ? int.Parse(body.Slice(8, 2).ToString(), CultureInfo.InvariantCulture) : null;
        return TryCreate(otherYear, otherMonth, otherDay, qualifier, text, out date, out error);
    }

    /// <summary>Whether the text starts with a date of four digits, then optionally "-" and two, then optionally "-" and two; how long it is.</summary>
    private static bool IsDate(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        if (!AllDigits(text, 0, 4)) return false;
        length = 4;
        if (text.Length >= 7 && text[4] == '-' && AllDigits(text, 5, 2))
        {
            length = 7;
            if (text.Length >= 10 && text[7] == '-' && AllDigits(text, 8, 2)) length = 10;
        }
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text, int start, int count)
    {
        if (text.Length < start + count) return false;
        foreach (var c in text.Slice(start, count))
            if (!char.IsDigit(c)) return false;
        return true;
    }

    /// <summary>The value of ASCII digits.</summary>
    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits) value = value * 10 + (c - '0');
        return value;
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

    private static bool TryCreate(int year, int? month, int? day, DateQualifier qualifier, ReadOnlySpan<char> text, out HistoricalDate date, out string error)
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
