using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Dates;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Rules;
using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Dates;

/// <summary>
/// Finds date expressions in sentences and resolves them to historical dates at the precision the text supports.
/// Relative expressions resolve against the publication date; without one they resolve only where the year is safe.
/// A date that cannot exist ("February 30") rejects the article.
/// </summary>
public sealed partial class DateResolver(Lexicon lexicon)
{
    public static DateResolver Default { get; } = new(Lexicon.Default);

    private readonly WordSet _referenceCues = lexicon["reference-clause-cues"];

    private const string Month =
        @"(?<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
    private const string Qual =
        @"(?:(?<q>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[-\s]+)";
    private const string Ord = @"(?:st|nd|rd|th)?";

    [GeneratedRegex(@"\b(?<y>1\d{3}|20\d{2})-(?<mm>\d{2})-(?<d>\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
    [GeneratedRegex(@"\b" + Month + @"\s+(?<d>\d{1,2})" + Ord + @"(?:\s*[-–]\s*\d{1,2}" + Ord + @")?(?:,\s*|\s+)(?<y>1\d{3}|20\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();
    [GeneratedRegex(@"\b(?<d>\d{1,2})" + Ord + @"(?:\s*[-–]\s*\d{1,2}" + Ord + @")?\s+(?:of\s+)?" + Month + @",?\s+(?<y>1\d{3}|20\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();
    [GeneratedRegex(@"\b" + Qual + @"?" + Month + @",?\s+(?:of\s+)?(?<y>1\d{3}|20\d{2})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthYear();
    [GeneratedRegex(@"\b" + Month + @"\s+(?:and|or|to|until|through)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\.?,?\s+(?<y>1\d{3}|20\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthAndMonthYear();
    [GeneratedRegex(@"\b" + Month + @"\s+(?<d>\d{1,2})" + Ord + @"\b(?![.,]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();
    [GeneratedRegex(@"\b(?<d>\d{1,2})" + Ord + @"\s+(?:of\s+)?" + Month + @"(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonth();
    [GeneratedRegex(@"\b(?:between\s+(?<a>1\d{3}|20\d{2})\s+and\s+(?<b>1\d{3}|20\d{2})|from\s+(?<a>1\d{3}|20\d{2})\s+(?:to|until|till)\s+(?<b>1\d{3}|20\d{2})|(?<a>1\d{3}|20\d{2})\s*[-–—]\s*(?<b>1\d{3}|20\d{2}|\d{2})(?!\d))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex YearSpan();
    [GeneratedRegex(@"\b" + Qual + @"?(?<y>1[89]\d{2}|20\d{2})\b(?!\s*(?:people|persons|participants|percent|per\s+cent|km|kilometers|kilometres|miles|dollars|votes|seats|members|supporters|troops|users|subscribers|times|hours|%))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Year();
    // The cue may open the sentence ("In March the regulator …", "Last December …"); the month stays capitalized ("may" is a verb).
    [GeneratedRegex(@"\b(?<rel>(?i:last|this|past|earlier\s+this|later\s+this|in|on|since|by|until|during))\s+(?i:" + Qual + @")?" + Month + @"(?!\s*\d)(?!\s+(?:and|or|to|until|through)\s+[A-Z][a-z]+\.?,?\s+\d{4})(?<ly>\s+(?:of\s+)?(?i:last\s+year))?", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeMonth();
    [GeneratedRegex(@"\b(?<w>yesterday|today|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?:earlier\s+|later\s+)?this\s+(?:week|month|year)|last\s+(?:week|month|year)|(?:over|at|during)\s+the\s+weekend|last\s+weekend|(?<n>\d+|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?<unit>days?|weeks?|months?|years?)\s+ago)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RelativeWord();
    [GeneratedRegex(@"\b(?:around|at|about)\s+the\s+same\s+time\b|\b(?:on\s+)?the\s+same\s+day\b|\bthat\s+(?:same\s+)?(?:day|evening|night)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Anaphoric();

    /// <summary>Every date mention of the article, per sentence, in order. Anaphoric mentions take the last date named before.</summary>
    public List<DateMention>[] ResolveAll(IReadOnlyList<Sentence> sentences, PublicationContext publication)
    {
        var result = new List<DateMention>[sentences.Count];
        HistoricalDate? lastEventDate = null;
        for (var i = 0; i < sentences.Count; i++)
        {
            var mentions = Find(sentences[i], publication);
            if (i == 0) MarkDateline(sentences[i], mentions);
            for (var k = 0; k < mentions.Count; k++)
            {
                var m = mentions[k];
                if (m.Kind == DateMentionKind.Anaphoric)
                {
                    mentions[k] = lastEventDate is null ? m : m with
                    {
                        Date = lastEventDate.Precision == DatePrecision.Day
                            ? HistoricalDate.OfDay(lastEventDate.Year, lastEventDate.Month!.Value, lastEventDate.Day!.Value, approximate: true)
                            : lastEventDate,
                        Confidence = 0.8,
                    };
                }
                else if (m.Date is { Precision: >= DatePrecision.Month } && !m.IsReference && m.Kind != DateMentionKind.Span)
                {
                    lastEventDate = m.Date;
                }
            }
            result[i] = mentions;
        }
        return result;
    }

    // "MOSCOW, June 9 (EWS) — …": the dateline says when the report was filed, not when anything in it happened.
    private static void MarkDateline(Sentence sentence, List<DateMention> mentions)
    {
        var dash = sentence.Text.IndexOfAny(['—', '–']);
        // Some wires set the dateline off with a spaced hyphen: "CONAKRY, Aug 9 (GGD) - …".
        var hyphen = sentence.Text.IndexOf(" - ", StringComparison.Ordinal);
        if (hyphen >= 0 && (dash < 0 || hyphen < dash)) dash = hyphen;
        if (dash < 0 || dash > 80) return;
        var head = sentence.Text[..dash];
        if (head.Length == 0 || !char.IsUpper(head[0]) || !head.Split(' ', ',')[0].All(c => !char.IsLetter(c) || char.IsUpper(c))) return;
        for (var k = 0; k < mentions.Count; k++)
            if (mentions[k].Start - sentence.Start < dash) mentions[k] = mentions[k] with { IsReference = true };
    }

    /// <summary>Only the fully written dates (with a year) of a text, to infer a missing publication year.</summary>
    public IEnumerable<HistoricalDate> FullDates(IEnumerable<Sentence> sentences) =>
        sentences.SelectMany(s => Find(s, PublicationContext.None))
            .Where(m => m is { Kind: DateMentionKind.Absolute, Date: not null })
            .Select(m => m.Date!);

    // Cheap guards: most sentences have no digit, month or relative word, and then no pattern needs to run.
    private static readonly SearchValues<string> MonthNames = SearchValues.Create(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);
    private static readonly SearchValues<string> RelativeWords = SearchValues.Create(
        ["yesterday", "today", "tonight", "morning", "evening", "night", "week", "month", "year", "ago", "day"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> SameWords = SearchValues.Create(["same", "that day", "that evening", "that night"], StringComparison.OrdinalIgnoreCase);

    public List<DateMention> Find(Sentence sentence, PublicationContext publication)
    {
        var text = sentence.Text;
        var found = new List<DateMention>();
        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        var hasMonth = text.AsSpan().IndexOfAny(MonthNames) >= 0;
        var hasRelative = text.AsSpan().IndexOfAny(RelativeWords) >= 0;
        var hasSame = text.AsSpan().IndexOfAny(SameWords) >= 0;
        if (!hasDigit && !hasMonth && !hasRelative && !hasSame) return found;
        var taken = new bool[text.Length];

        void Add(Match m, HistoricalDate? date, DateMentionKind kind, double confidence)
        {
            for (var i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
            found.Add(new DateMention(sentence.Start + m.Index, m.Length, m.Value, date, kind, confidence)
            {
                IsReference = kind != DateMentionKind.Anaphoric && IsReferenceClause(text, m.Index),
            });
        }

        bool Free(Match m)
        {
            for (var i = m.Index; i < m.Index + m.Length; i++) if (taken[i]) return false;
            return true;
        }

        if (hasDigit)
        {
        foreach (Match m in Iso().Matches(text))
            Add(m, Day(Int(m, "y"), Int(m, "mm"), Int(m, "d"), m.Value), DateMentionKind.Absolute, 1.0);
        foreach (var pattern in new[] { MonthDayYear(), DayMonthYear() })
            foreach (Match m in pattern.Matches(text))
                if (Free(m)) Add(m, Day(Int(m, "y"), MonthNumber(m), Int(m, "d"), m.Value), DateMentionKind.Absolute, 1.0);
        foreach (Match m in YearSpan().Matches(text))
        {
            if (!Free(m)) continue;
            var a = Int(m, "a");
            var bText = m.Groups["b"].Value;
            var b = bText.Length == 2 ? a / 100 * 100 + int.Parse(bText, CultureInfo.InvariantCulture) : int.Parse(bText, CultureInfo.InvariantCulture);
            if (b > a) Add(m, HistoricalDate.OfYear(a), DateMentionKind.Span, 1.0);
        }
        // "in June and July 2019": the first month takes the year the pair ends with (the start of what happened).
        foreach (Match m in MonthAndMonthYear().Matches(text))
            if (Free(m)) Add(m, HistoricalDate.OfMonth(Int(m, "y"), MonthNumber(m)), DateMentionKind.Absolute, 1.0);
        foreach (Match m in MonthYear().Matches(text))
            if (Free(m) && IsCapitalMonth(m)) Add(m, HistoricalDate.OfMonth(Int(m, "y"), MonthNumber(m), Qualifier(m)), DateMentionKind.Absolute, 1.0);
        foreach (Match m in MonthDay().Matches(text))
            if (Free(m)) Add(m, RelativeDay(MonthNumber(m), Int(m, "d"), m.Value, publication), DateMentionKind.Relative, publication.RelativeConfidence);
        foreach (Match m in DayMonth().Matches(text))
            if (Free(m)) Add(m, RelativeDay(MonthNumber(m), Int(m, "d"), m.Value, publication), DateMentionKind.Relative, publication.RelativeConfidence);
        }
        if (hasMonth)
            foreach (Match m in RelativeMonth().Matches(text))
                if (Free(m))
                {
                    Add(m, RelativeMonthDate(m, publication), DateMentionKind.Relative, publication.RelativeConfidence);
                    // "since June", "until March": a reference point of the clause, not when its verb happened.
                    if (_referenceCues.Contains(m.Groups["rel"].Value)) found[^1] = found[^1] with { IsReference = true };
                }
        if (hasDigit)
            foreach (Match m in Year().Matches(text))
                if (Free(m) && IsPlausibleYear(text, m)) Add(m, HistoricalDate.OfYear(Int(m, "y"), Qualifier(m)), DateMentionKind.Absolute, 1.0);
        if (hasRelative)
            foreach (Match m in RelativeWord().Matches(text))
                if (Free(m)) Add(m, RelativeWordDate(m, publication), DateMentionKind.Relative, publication.Day is null ? 0 : 0.9);
        if (hasSame)
            foreach (Match m in Anaphoric().Matches(text))
                if (Free(m)) Add(m, null, DateMentionKind.Anaphoric, 0.8);

        found.Sort((x, y) => x.Start.CompareTo(y.Start));
        return found;
    }

    private bool IsReferenceClause(string text, int index)
    {
        // "the Anti-Terrorism Act, 1997", "the Law of 2016": the year names a law, not an event.
        var before = text[..index].TrimEnd(' ', ',');
        if (before.EndsWith(" Act", StringComparison.Ordinal) || before.EndsWith(" Law", StringComparison.Ordinal) || before.EndsWith(" Code", StringComparison.Ordinal)
            || before.EndsWith("Law of", StringComparison.Ordinal) || before.EndsWith("Act of", StringComparison.Ordinal)) return true;
        // The clause runs back to the last comma, semicolon, dash or bracket before the date.
        var clauseStart = text.LastIndexOfAny([',', ';', '—', '–', '(', ':'], Math.Max(0, index - 1)) + 1;
        var clause = text[clauseStart..index];
        foreach (var word in clause.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
            if (_referenceCues.Contains(word.Trim('“', '"', '(', ')'))) return true;
        return false;
    }

    private static bool IsPlausibleYear(string text, Match m)
    {
        // "2,015", "No. 2015", "$2015" and long numbers are not years.
        if (m.Index > 0 && text[m.Index - 1] is ',' or '.' or '$' or '#' or '€' or '£') return false;
        var before = text[..m.Index].TrimEnd();
        if (before.EndsWith("No.", StringComparison.Ordinal) || before.EndsWith("number", StringComparison.OrdinalIgnoreCase)) return false;
        var end = m.Index + m.Length;
        return !(end < text.Length && (text[end] == ',' && end + 1 < text.Length && char.IsDigit(text[end + 1])));
    }

    private static bool IsCapitalMonth(Match m) => char.IsUpper(m.Groups["m"].Value[0]);

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int MonthNumber(Match m)
    {
        var name = m.Groups["m"].Value.TrimEnd('.');
        var key = name.Length >= 3 ? name[..3].ToLowerInvariant() : name.ToLowerInvariant();
        return key switch
        {
            "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
            "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12,
            _ => throw new FormatException($"'{name}' is not a month."),
        };
    }

    private static DateQualifier Qualifier(Match m)
    {
        if (!m.Groups["q"].Success) return DateQualifier.None;
        var q = m.Groups["q"].Value.ToLowerInvariant();
        if (q.StartsWith("early", StringComparison.Ordinal) || q.Contains("beginning") || q.Contains("start") || q.Contains("first half")) return DateQualifier.Early;
        if (q.StartsWith("mid", StringComparison.Ordinal) || q.Contains("middle")) return DateQualifier.Mid;
        return DateQualifier.Late;
    }

    private static HistoricalDate Day(int year, int month, int day, string text)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            throw new ArticleRejectedException($"impossible date '{text}': {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Math.Clamp(month, 1, 12))} {year} has no day {day}.");
        return HistoricalDate.OfDay(year, month, day);
    }

    private static HistoricalDate? RelativeDay(int month, int day, string text, PublicationContext publication)
    {
        // Checked against a leap year first: "February 29" without a year is only impossible once the year is known.
        if (day < 1 || day > DateTime.DaysInMonth(2000, month))
            throw new ArticleRejectedException($"impossible date '{text}': {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} has no day {day}.");
        if (publication.Year is not { } year) return null;
        if (publication.Day is { } pub && new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month))) > pub.AddDays(7))
            year--; // "on December 30" in a January article is last year's.
        return Day(year, month, day, text);
    }

    private static HistoricalDate? RelativeMonthDate(Match m, PublicationContext publication)
    {
        if (publication.Year is not { } year) return null;
        var month = MonthNumber(m);
        var rel = Regex.Replace(m.Groups["rel"].Value.ToLowerInvariant(), @"\s+", " ");
        // "in June last year": the month of the year before publication, whatever month it is now.
        if (m.Groups["ly"].Success) return HistoricalDate.OfMonth(year - 1, month, Qualifier(m));
        if (publication.Day is { } pub)
        {
            if (rel is "last" or "past" && month >= pub.Month) year--;
            else if (rel is not ("this" or "earlier this" or "later this") && month > pub.Month + 1) year--;
        }
        return HistoricalDate.OfMonth(year, month, Qualifier(m));
    }

    private static HistoricalDate? RelativeWordDate(Match m, PublicationContext publication)
    {
        if (publication.Day is not { } pub) return null;
        var w = Regex.Replace(m.Groups["w"].Value.ToLowerInvariant(), @"\s+", " ");
        if (w is "today" or "tonight" or "this morning" or "this afternoon" or "this evening") return HistoricalDate.OfDay(pub);
        if (w is "yesterday" or "last night") return HistoricalDate.OfDay(pub.AddDays(-1));
        if (w.EndsWith("this week", StringComparison.Ordinal) || w == "last week")
        {
            // A week has no EDTF form: keep the month it falls in (never a made-up day).
            var d = w == "last week" ? pub.AddDays(-7) : pub;
            return HistoricalDate.OfMonth(d.Year, d.Month);
        }
        if (w.EndsWith("weekend", StringComparison.Ordinal))
        {
            // "over the weekend": the Saturday of the last weekend before publication, approximate (it may have been the Sunday).
            // "Last weekend" is that same weekend on a weekday; written during a weekend it is the one before.
            var d = pub;
            if (w.StartsWith("last", StringComparison.Ordinal) && pub.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(-7);
            while (d.DayOfWeek != DayOfWeek.Saturday) d = d.AddDays(-1);
            return HistoricalDate.OfDay(d.Year, d.Month, d.Day, approximate: true);
        }
        if (w.EndsWith("this month", StringComparison.Ordinal)) return HistoricalDate.OfMonth(pub.Year, pub.Month);
        if (w == "last month") { var d = pub.AddMonths(-1); return HistoricalDate.OfMonth(d.Year, d.Month); }
        if (w.EndsWith("this year", StringComparison.Ordinal)) return HistoricalDate.OfYear(pub.Year);
        if (w == "last year") return HistoricalDate.OfYear(pub.Year - 1);
        if (m.Groups["unit"].Success)
        {
            var nText = m.Groups["n"].Value.ToLowerInvariant();
            var n = nText switch
            {
                "a" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
                _ => int.Parse(nText, CultureInfo.InvariantCulture),
            };
            var unit = m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s');
            return unit switch
            {
                "day" => HistoricalDate.OfDay(pub.AddDays(-n)),
                "week" => HistoricalDate.OfMonth(pub.AddDays(-7 * n).Year, pub.AddDays(-7 * n).Month),
                "month" => HistoricalDate.OfMonth(pub.AddMonths(-n).Year, pub.AddMonths(-n).Month),
                _ => HistoricalDate.OfYear(pub.Year - n),
            };
        }
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (w.Replace("on ", "").StartsWith(day.ToString().ToLowerInvariant(), StringComparison.Ordinal))
            {
                // The most recent such weekday on or before publication: news reports the past week.
                var d = pub;
                while (d.DayOfWeek != day) d = d.AddDays(-1);
                return HistoricalDate.OfDay(d);
            }
        }
        return null;
    }
}
