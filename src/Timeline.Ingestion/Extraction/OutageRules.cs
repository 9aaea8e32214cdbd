using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Rules;

namespace Timeline.Ingestion.Extraction;

/// <summary>
/// InternetOutage: an outage verb or noun ("stopped working", "shut down", "blackout", "no … internet available") with
/// the internet or a service as its subject, and a date. The next sentences of the same story add what went down,
/// for how long, the official explanation and who reported it.
/// </summary>
public sealed partial class OutageRules(Lexicon lexicon)
{
    private readonly WordSet _subjects = lexicon["outage-subjects"];
    private readonly WordSet _verbs = lexicon["outage-verbs"];
    private readonly WordSet _negation = lexicon["negation-cues"];
    private readonly WordSet _irrealis = lexicon["irrealis-cues"];
    private readonly WordSet _explanations = lexicon["explanation-cues"];
    private readonly WordSet _reference = lexicon["reference-clause-cues"];
    private readonly WordSet _speech = lexicon["speech-verbs"];
    private readonly WordSet _restoration = lexicon["restoration-cues"];
    private readonly WordSet _habitual = lexicon["habitual-cues"];
    private readonly WordSet _denial = lexicon["denial-cues"];
    private readonly Dictionary<string, string> _networks = lexicon.RawLines("networks")
        .Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\bfor\s+(?:about|around|nearly|almost|more\s+than|over|some|roughly|at\s+least|approximately)?\s*(?<n>an?|one|two|three|four|five|six|seven|eight|ten|twelve|\d+(?:\.\d+)?)\s+(?<unit>minutes?|hours?|days?|weeks?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b(?:across\s+the\s+(?:whole\s+|entire\s+)?country|nationwide|nation-wide|throughout\s+the\s+country|the\s+entire\s+country|the\s+whole\s+country|countrywide|national)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NationalPattern();

    [GeneratedRegex(@"\b(?:region|province|oblast|district|state\s+of|city\s+of|regional)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegionalPattern();

    public void Apply(ArticleContext article)
    {
        OutageDraft? open = null;
        foreach (var view in article.Views)
        {
            var trigger = Trigger(view, article.Outages.Count > 0);
            var date = trigger >= 0 ? SinceDate(view, trigger) ?? view.DateFor(trigger) ?? DatelineDay(view) : null;
            if (trigger >= 0 && date?.Date is not null)
            {
                // The country that went offline: a country or city named, else the article's, and only then a demonym
                // ("the Colombian news channel" in a story about Venezuela).
                var country = view.Places.Where(p => !p.IsDemonym && !view.Quoted[p.TokenStart] && !InRelativeClause(view, p.TokenStart)).Select(p => (Timeline.Domain.Countries.CountryCode?)p.Country).FirstOrDefault()
                              ?? article.MainCountry ?? article.CountryOf(view);
                if (country is null) continue;
                open = article.Outages.FirstOrDefault(o => o.Country == country && o.Date.Overlaps(date.Date));
                if (open is null)
                {
                    open = new OutageDraft { Date = date.Date, Country = country.Value, Evidence = view, Confidence = 0.85 * date.Confidence };
                    article.Outages.Add(open);
                }
                else if (date.Date.SpanInDays < open.Date.SpanInDays)
                {
                    // The same outage told again more precisely ("this week" → "on the evening of September 16").
                    open.Date = date.Date;
                    open.Evidence = view;
                }
                // "Authorities cut mobile internet in Kumasi": the city named with the outage, not the dateline's.
                open.Place ??= view.Places.Where(p => p.IsCity && p.Country == open.Country && !view.Quoted[p.TokenStart] && !view.InDateline(p.TokenStart) && !InRelativeClause(view, p.TokenStart))
                    .Select(p => p.Entry.Name).FirstOrDefault();
                AddFacts(article, open, view);
            }
            else if (open is not null && view.Index - open.Evidence.Index <= 2 && view.Dates.All(d => d.Date is null || d.IsReference) && Continues(view))
            {
                AddFacts(article, open, view);
            }
            else if (trigger < 0 && view.Index - (open?.Evidence.Index ?? 0) > 2) open = null;
        }
        foreach (var o in article.Outages)
        {
            var countryActor = article.Names.All.FirstOrDefault(a => a.Kind == ActorKind.Country && a.Country == o.Country);
            if (countryActor is null)
            {
                var name = o.Country.Name;
                countryActor = new ArticleActor(ActorId.FromName(name), name, ActorKind.Country, o.Country, known: true);
            }
            o.Actors.Insert(0, (countryActor, ActorRole.Affected));
        }
    }

    // "KUMASI, June 9 (TW) — Mobile internet was cut across the city …": an outage the lede tells without a day of its
    // own happened on the day the report was filed.
    private static Dates.DateMention? DatelineDay(SentenceView view) =>
        view.Dates.FirstOrDefault(d => d.Date is { Precision: Timeline.Domain.Dates.DatePrecision.Day } && view.InDateline(view.TokenAt(d.Start)) && d.Kind != Dates.DateMentionKind.Span) is { } d
            ? d with { IsReference = false, Confidence = d.Confidence * 0.8 }
            : null;

    // "has been inaccessible since last October", "entered its second day …, switched off since shortly before midnight on
    // Sunday, August 4": an outage told with "since" began then, whatever day the report itself names.
    private Dates.DateMention? SinceDate(SentenceView view, int trigger)
    {
        Dates.DateMention? best = null;
        var bestAt = -1;
        foreach (var d in view.Dates)
        {
            if (d.Date is null || d.Kind == Dates.DateMentionKind.Span) continue;
            var at = view.TokenAt(d.Start);
            if (view.Quoted[at]) continue;
            // "since Sunday, August 4": a date in apposition to a since-date is the same date, said more precisely.
            var apposition = best is not null && at - bestAt <= 4 && Enumerable.Range(bestAt, at - bestAt).Any(k => view.Tokens[k].Text == ",");
            if (!apposition && !IntroducedBySince(view, d, at)) continue;
            if (best is null || apposition && d.Date.SpanInDays <= best.Date!.SpanInDays) { best = d; bestAt = at; }
        }
        return best;
    }

    // "switched off since …", "has been inaccessible since …": "since" within the outage's own clause, a few words after it.
    private bool IntroducedBySince(SentenceView view, Dates.DateMention d, int at)
    {
        var since = d.Text.StartsWith("since", StringComparison.OrdinalIgnoreCase) ? at : -1;
        for (var k = at - 1; since < 0 && k >= 0 && k >= at - 5; k--)
        {
            if (view.Tokens[k].Text is "," or ";" or "." || view.Quoted[k]) return false;
            if (view.Tokens[k].Is("since")) since = k;
        }
        if (since < 0) return false;
        // "has cut internet access nationwide for several hours each morning since Saturday": the verb may be some way back.
        for (var k = since - 1; k >= 0 && k >= since - 12; k--)
        {
            if (view.Tokens[k].Text is "," or ";" || RelativeWords.Contains(view.Tokens[k].Text)) return false;
            if (_verbs.Contains(view.Tokens[k].Text) || _verbs.Phrases.Any(p => view.PhraseAt(k, p)) || view.Tokens[k].Is("been")) return true;
        }
        return false;
    }

    private static readonly HashSet<string> RelativeWords = new(StringComparer.OrdinalIgnoreCase) { "which", "that", "who", "where" };

    // "Ablyazov, who lives in France, said …": a place in a relative clause about someone is where they are, not what went offline.
    private static bool InRelativeClause(SentenceView view, int at)
    {
        for (var k = at - 1; k >= 0 && view.Tokens[k].Text is not ("," or ";" or "—"); k--)
            if (view.Tokens[k].Text is "who" or "whose" or "whom") return true;
        return false;
    }

    private int Trigger(SentenceView view, bool outageReported)
    {
        // "the regional government ordered its own, shorter cuts on Tuesday": an authority ordering shutdowns; plain
        // "cuts" only once the article has reported an outage (else it may be a budget's).
        for (var i = 1; i < view.Tokens.Length; i++)
        {
            var noun = view.Tokens[i].Text.ToLowerInvariant();
            if (!(noun is "shutdown" or "shutdowns" or "blackout" or "blackouts" || outageReported && noun is "cuts")) continue;
            var ordered = Enumerable.Range(Math.Max(0, i - 5), i - Math.Max(0, i - 5)).Any(k => view.Tokens[k].Is("ordered") || view.Tokens[k].Is("imposed"));
            if (ordered && !view.Quoted[i] && !view.CueBefore(_irrealis, i, 8) && !view.CueBefore(_negation, i, 6)) return i;
        }
        // "The blackout began on June 30": an outage noun is its own subject.
        foreach (var (i, _) in view.Find(_verbs))
            if (view.Tokens[i].Text.ToLowerInvariant() is "shutdown" or "blackout" or "outage" && !view.CueBefore(_irrealis, i, 6) && !view.CueBefore(_negation, i, 5)
                && i + 1 < view.Tokens.Length && view.Tokens[i + 1].Text is "began" or "started" or "hit" or "was" or "lasted" or "came"
                && !(outageReported && ToldBySpeaker(view, i)))
                return i;
        if (!view.Has(_subjects)) return -1;
        // "Mobile data came back …", "Internet access returned to the regions, ending a shutdown …": a restoration, not an outage.
        if (view.Has(_restoration)) return -1;
        foreach (var (i, _) in view.Find(_verbs))
        {
            if (view.CueBefore(_irrealis, i, 10)) continue;
            // "officials denied for weeks that the internet had been cut": a denial is no report of a cut.
            if (view.CueBefore(_denial, i, 10)) continue;
            // "has cut the internet during exams almost every year since 2011": a habit, told as background.
            if (Habitual(view, i)) continue;
            if (view.CueBefore(_reference, i, 6)) continue;   // "23 days after the government pulled the plug": background
            if (view.CueBefore(_negation, i, 5) && !IsNoAvailable(view, i)) continue;
            return i;
        }
        // "there was no mobile or fixed internet anywhere in the country"
        for (var i = 0; i < view.Tokens.Length; i++)
            if (view.Tokens[i].Is("no") && !view.Quoted[i] && IsNoAvailable(view, i)) return i;
        return -1;
    }

    // A habitual cue in the outage verb's own clause, before or after it: "regularly blocks …", "… almost every year".
    private bool Habitual(SentenceView view, int verb)
    {
        foreach (var (h, _) in view.Find(_habitual))
            if (Math.Abs(h - verb) <= 10 && !view.Quoted[h] && !Enumerable.Range(Math.Min(h, verb), Math.Abs(h - verb)).Any(k => view.Tokens[k].Text is ";" or "."))
                return true;
        return false;
    }

    // "X said on Thursday that the shutdown was meant to hide rigging": once an outage is reported, "the shutdown" in what
    // someone says is that outage talked about, and the day is the saying's.
    private bool ToldBySpeaker(SentenceView view, int noun) =>
        noun >= 1 && view.Tokens[noun - 1].Is("the")
        && Enumerable.Range(0, noun).Any(k => !view.Quoted[k] && _speech.Contains(view.Tokens[k].Text));

    private bool IsNoAvailable(SentenceView view, int i)
    {
        var from = Math.Max(0, i - 5);
        var to = Math.Min(view.Tokens.Length, i + 12);
        var hasNo = Enumerable.Range(from, to - from).Any(k => view.Tokens[k].Is("no"));
        var hasAvailable = Enumerable.Range(from, to - from).Any(k => view.Tokens[k].Is("available") || view.Tokens[k].Is("access"));
        var hasSubject = Enumerable.Range(from, to - from).Any(k => view.Tokens[k].Is("internet") || view.Tokens[k].Is("connection") || view.Tokens[k].Is("service"));
        return hasNo && hasAvailable && hasSubject;
    }

    private bool Continues(SentenceView view) =>
        view.Has(_subjects, includeQuoted: true) || view.Find(_explanations).Any() || DurationPattern().IsMatch(view.Sentence.Text);

    private void AddFacts(ArticleContext article, OutageDraft draft, SentenceView view)
    {
        foreach (var t in view.Tokens)
            if (_networks.TryGetValue(t.Norm, out var network) && !draft.Networks.Contains(network)) draft.Networks.Add(network);
        if (DurationPattern().Match(view.Sentence.Text) is { Success: true } d && draft.DurationText is null)
        {
            draft.DurationText = d.Value["for ".Length..].Trim();
            draft.Duration = DurationOf(d);
        }
        if (NationalPattern().IsMatch(view.Sentence.Text)) draft.Extent = OutageExtent.National;
        else if (draft.Extent == OutageExtent.Unknown && RegionalPattern().IsMatch(view.Sentence.Text)) draft.Extent = OutageExtent.Regional;
        draft.Explanation ??= ExplanationOf(view);
        var reporter = ReporterOf(view);
        if (reporter is not null)
        {
            draft.ReportedBy ??= reporter;
            draft.AddActor(reporter, ActorRole.Reporter);
        }
        foreach (var m in view.Actors.Where(a => a.Actor.Kind == ActorKind.Organization && a.Actor != reporter && !view.Quoted[a.TokenStart]))
            draft.AddActor(m.Actor, ActorRole.Affected);
    }

    private static ArticleActor? ReporterOf(SentenceView view)
    {
        for (var i = 0; i + 2 < view.Tokens.Length; i++)
        {
            if (view.Tokens[i].Is("according") && view.Tokens[i + 1].Is("to"))
            {
                var m = view.Actors.FirstOrDefault(a => a.TokenStart == i + 2);
                if (m.Actor is not null) return m.Actor;
            }
        }
        var reported = view.Actors.FirstOrDefault(a => a.Actor.Kind is ActorKind.Media or ActorKind.Organization
            && a.TokenEnd < view.Tokens.Length && view.Tokens[a.TokenEnd].Text is "reported" or "said" or "reports" or "confirmed" or "recorded" or "showed");
        return reported.Actor;
    }

    private string? ExplanationOf(SentenceView view)
    {
        var text = view.Sentence.Text;
        foreach (var cue in _explanations.Phrases.Select(p => string.Join(' ', p)).Concat(_explanations.Words).OrderByDescending(c => c.Length))
        {
            var at = text.IndexOf(cue, StringComparison.OrdinalIgnoreCase);
            if (at < 0) continue;
            var rest = text[(at + cue.Length)..].Trim();
            var open = rest.IndexOfAny(['“', '"']);
            if (open is >= 0 and < 20)
            {
                var close = rest.IndexOfAny(['”', '"'], open + 1);
                if (close > open) return rest[(open + 1)..close].Trim().TrimEnd('.', ',');
            }
            var end = rest.IndexOfAny(['.', ';']);
            var explanation = (end >= 0 ? rest[..end] : rest).Trim().TrimEnd(',');
            if (explanation.Length > 0) return explanation.Length > 200 ? explanation[..200] : explanation;
        }
        return null;
    }

    private static TimeSpan? DurationOf(Match m)
    {
        var n = m.Groups["n"].Value.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1.0, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "ten" => 10, "twelve" => 12,
            var x => double.Parse(x, CultureInfo.InvariantCulture),
        };
        return m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "minute" => TimeSpan.FromMinutes(n),
            "hour" => TimeSpan.FromHours(n),
            "day" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
    }
}
