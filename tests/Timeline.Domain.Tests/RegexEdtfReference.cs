using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Dates;

namespace Timeline.Domain.Tests;

/// <summary>
/// The EDTF parse as it was before it was read by hand (regular expressions for the rarer shapes), kept verbatim as the
/// reference the new parse must agree with on every input, errors and exceptions included.
/// </summary>
internal static class RegexEdtfReference
{
    private static readonly Regex Single = new(@"^(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2}))?)?(?<q>[~?%])?$", RegexOptions.CultureInvariant);
    private static readonly Regex Interval = new(@"^(?<a>\d{4}(?:-\d{2}(?:-\d{2})?)?)/(?<b>\d{4}(?:-\d{2}(?:-\d{2})?)?)$", RegexOptions.CultureInvariant);

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

        if (TryParsePlain(text, out date, out error) is { } parsed) return parsed;

        var m = Single.Match(text);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            int? month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
            int? day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
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
                    return true;
                }
            }
            error = $"'{text}' is an EDTF interval that is not an early/mid/late part of a month or year.";
            return false;
        }

        error = $"'{text}' is not an EDTF date (expected e.g. 2015, 2015-09, 2015-09~, 2017-07-09).";
        return false;
    }

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
                yield return HistoricalDate.OfMonth(year, month, q);
                yield return HistoricalDate.OfYear(year, q);
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
