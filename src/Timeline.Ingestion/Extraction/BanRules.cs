using Timeline.Domain.Actors;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Rules;

namespace Timeline.Ingestion.Extraction;

/// <summary>
/// PartyBanned: a ban verb ("banned", "outlawed", "dissolved", "the party's banning") or a designation verb with a
/// designation ("designated a terrorist organization", "declared it an extremist group"), with a party or organization
/// (named, or "it" / "the party" for the last one named) and a date; not negated, urged, planned or denied.
/// Reports of one ban within an article merge into one event at the most precise date.
/// </summary>
public sealed class BanRules(Lexicon lexicon)
{
    private readonly WordSet _banVerbs = lexicon["ban-verbs"];
    private readonly WordSet _designationVerbs = lexicon["designation-verbs"];
    private readonly WordSet _designations = lexicon["designations"];
    private readonly WordSet _negation = lexicon["negation-cues"];
    private readonly WordSet _denial = lexicon["denial-cues"];
    private readonly WordSet _irrealis = lexicon["irrealis-cues"];
    private readonly WordSet _partyNouns = lexicon["party-nouns"];
    private readonly WordSet _hedges = lexicon["hedge-cues"];
    private readonly WordSet _notBannableHeads = lexicon["not-bannable-heads"];
    private readonly WordSet _notBannedAfter = lexicon["not-banned-after"];
    private readonly WordSet _linkNouns = lexicon["link-nouns"];
    private static readonly ActorKind[] Bannable = [ActorKind.Party, ActorKind.Organization];

    public void Apply(ArticleContext article)
    {
        var undated = new List<(ArticleActor Party, ArticleActor? Authority, string? Designation)>();
        foreach (var view in article.Views)
        {
            var designation = FindDesignation(view);
            var triggers = view.Find(_banVerbs).Select(t => t.Index)
                .Concat(designation is null ? [] : view.Find(_designationVerbs).Select(t => t.Index))
                .Order().ToList();
            foreach (var trigger in triggers)
            {
                if (view.CueBefore(_negation, trigger, 6) || view.CueBefore(_irrealis, trigger, 6) || view.CueBefore(_denial, trigger, 8)) continue;
                // "posts claimed on Tuesday that the commission had also dissolved …": hedged reports anywhere before the verb.
                if (view.CueBefore(_hedges, trigger, 25, stopAtClause: false)) continue;
                // "politicians banned from politics": a ban of persons, not of an organization.
                if (trigger + 1 < view.Tokens.Length && view.Tokens[trigger + 1].Is("from")) continue;
                // A designation verb needs its designation after it ("designated … as terrorist organisations"), not
                // somewhere else in the sentence ("which ruled the region until November").
                if (!_banVerbs.Contains(view.Tokens[trigger].Text) && !DesignationFollows(view, trigger)) continue;
                var authority = view.Actors.Where(a => a.Actor.Kind == ActorKind.GovernmentBody && !view.Quoted[a.TokenStart])
                    .OrderBy(a => Math.Abs(a.TokenStart - trigger)).Select(a => a.Actor).FirstOrDefault();
                var parties = PartiesOf(article, view, trigger, authority);
                if (parties.Count == 0) continue;
                var triggerDate = view.DateFor(trigger);
                // "closes a chapter that began in 1988": a date only a relative clause gives is not the ban's.
                if (triggerDate is not null && view.InOtherClause(trigger, view.TokenAt(triggerDate.Start))) triggerDate = null;
                foreach (var (party, at) in parties)
                {
                    // "the Socialist Reich Party in 1952 and the KPD in 1956": a date right after a party is that party's.
                    var end = view.Actors.Where(a => a.Actor == party).Select(a => a.TokenEnd).DefaultIfEmpty(at + 1).Max();
                    var own = view.DateFor(end, d => d.Kind == DateMentionKind.Absolute && view.TokenAt(d.Start) >= end && view.TokenAt(d.Start) - end <= 4);
                    var date = own ?? triggerDate;
                    if (date?.Date is null)
                    {
                        // An undated report of the ban still says who banned it and how: kept to complete a dated report.
                        undated.Add((party, authority, designation));
                        continue;
                    }
                    // The banning state: the authority's, else the country named nearest the ban ("Germany banned", "banned in Israel").
                    var country = authority?.Country ?? NearCountry(view, trigger) ?? party.Country ?? article.MainCountry ?? ArticleContext.FirstCountryNamed(view, trigger);
                    if (country is null) continue;
                    Merge(article, new BanDraft
                    {
                        Party = party,
                        Authority = authority,
                        Designation = designation,
                        Date = date.Date,
                        Country = country.Value,
                        Evidence = view,
                        Confidence = 0.85 * date.Confidence * (parties.Count > 1 ? 0.95 : 1.0),
                    });
                }
            }
        }
        foreach (var (party, authority, designation) in undated)
        {
            var reports = article.Bans.Where(b => b.Party == party).ToList();
            if (reports.Count != 1) continue;
            var ban = reports[0];
            ban.Designation ??= designation;
            if (ban.Authority is null && authority is not null)
            {
                ban.Authority = authority;
                ban.AddActor(authority, ActorRole.BanningAuthority);
            }
        }
    }

    private static Timeline.Domain.Countries.CountryCode? NearCountry(SentenceView view, int trigger)
    {
        var near = view.Places.Where(p => !view.Quoted[p.TokenStart] && Math.Abs(p.TokenStart - trigger) <= 8)
            .OrderBy(p => Math.Abs(p.TokenStart - trigger)).Select(p => (Timeline.Domain.Countries.CountryCode?)p.Country).FirstOrDefault();
        return near;
    }

    private static void Merge(ArticleContext article, BanDraft draft)
    {
        draft.AddActor(draft.Party, ActorRole.BannedParty);
        if (draft.Authority is not null) draft.AddActor(draft.Authority, ActorRole.BanningAuthority);
        var same = article.Bans.FirstOrDefault(b => b.Party == draft.Party && b.Date.Overlaps(draft.Date));
        if (same is null)
        {
            article.Bans.Add(draft);
            return;
        }
        // The same ban told twice: keep the most precise date and its evidence, and every fact either report gives.
        var keep = draft.Date.SpanInDays < same.Date.SpanInDays ? draft : same;
        var other = keep == draft ? same : draft;
        keep.Authority ??= other.Authority;
        keep.Designation ??= other.Designation;
        keep.LegalAct ??= other.LegalAct;
        keep.Confidence = Math.Max(keep.Confidence, other.Confidence);
        foreach (var (actor, role) in other.Actors) keep.AddActor(actor, role);
        if (keep == draft)
        {
            article.Bans.Remove(same);
            article.Bans.Add(draft);
        }
    }

    private bool DesignationFollows(SentenceView view, int trigger)
    {
        // "which ruled the region until November": a designation verb in a relative clause is background, not the act.
        if (trigger > 0 && view.Tokens[trigger - 1].Text is "which" or "that" or "who") return false;
        var last = Math.Min(view.Tokens.Length, trigger + 30);
        for (var i = trigger + 1; i < last; i++)
        {
            if (_designations.Contains(view.Tokens[i].Text)) return true;
            if (_designations.Phrases.Any(p => view.PhraseAt(i, p))) return true;
        }
        return false;
    }

    /// <summary>Governments, councils and courts are dissolved or named, never banned as parties; agents and reasons neither.</summary>
    private bool IsBannable(SentenceView view, ActorMention mention)
    {
        var words = mention.Actor.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && (_notBannableHeads.Contains(words[^1]) || _notBannableHeads.Contains(words[0]))) return false;
        var s = mention.TokenStart;
        if (s > 0 && view.Tokens[s - 1].Is("the")) s--;
        if (s > 0 && _notBannedAfter.Contains(view.Tokens[s - 1].Text)) return false;
        if (s > 1 && view.Tokens[s - 1].Text is "to" or "with" && _linkNouns.Contains(view.Tokens[s - 2].Text)) return false;
        return true;
    }

    private string? FindDesignation(SentenceView view)
    {
        var text = view.Sentence.Text;
        foreach (var phrase in _designations.Phrases)
        {
            var joined = string.Join(' ', phrase);
            var at = text.IndexOf(joined, StringComparison.OrdinalIgnoreCase);
            if (at >= 0) return text.Substring(at, joined.Length);
        }
        foreach (var word in _designations.Words)
        {
            var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at + word.Length == text.Length || !char.IsLetter(text[at + word.Length]))) return text.Substring(at, word.Length);
        }
        return null;
    }

    /// <summary>
    /// The parties a ban names: every party or organization in the sentence other than the authority ("banned Hamas … and
    /// dissolved Samidoun"), else "it" / "the party" for the last one named, else a name right after the ban verb that the
    /// gazetteer does not know ("dissolved the German branch of Samidoun").
    /// </summary>
    private List<(ArticleActor Party, int At)> PartiesOf(ArticleContext article, SentenceView view, int trigger, ArticleActor? authority)
    {
        var named = view.Actors.Where(a => Bannable.Contains(a.Actor.Kind) && a.Actor != authority && !view.Quoted[a.TokenStart]
                                           && view.Tokens[a.TokenEnd - 1].Text == view.Tokens[a.TokenEnd - 1].Norm && IsBannable(view, a))
            .Select(a => (a.Actor, a.TokenStart)).DistinctBy(a => a.Actor).ToList();
        var pronoun = Enumerable.Range(Math.Max(0, trigger - 4), Math.Min(view.Tokens.Length, trigger + 3) - Math.Max(0, trigger - 4))
            .FirstOrDefault(i => view.Tokens[i].Is("it") || view.Tokens[i].Is("its") || i > 0 && view.Tokens[i - 1].Is("the") && _partyNouns.Contains(view.Tokens[i].Norm), -1);
        if (named.Count > 0 && (pronoun < 0 || named.Any(n => Math.Abs(n.TokenStart - trigger) <= Math.Abs(pronoun - trigger) + 2)))
        {
            if (named.Any(n => n.TokenStart > trigger && n.TokenStart - trigger <= 8)) return [.. named, .. KnownAs(article, view, trigger)];
            return [.. named, .. UnknownNameAfter(article, view, trigger)];
        }
        if (pronoun >= 0 && article.LastMentioned(view.Index, pronoun, ActorKind.Party, ActorKind.Organization) is { } last) return [(last, pronoun)];
        return UnknownNameAfter(article, view, trigger);
    }

    private List<(ArticleActor Party, int At)> UnknownNameAfter(ArticleContext article, SentenceView view, int trigger)
    {
        for (var i = trigger + 1; i < view.Tokens.Length && i <= trigger + 8; i++)
        {
            var t = view.Tokens[i];
            if (view.Tokens[i - 1].Text is "," or "." or ";" || view.Tokens[i - 1].Is("by")) break;
            // Only a name the ban verb governs: "banned X", "dissolved the … of X", "the group known as X".
            if (!(view.Tokens[i - 1].Is("of") || view.Tokens[i - 1].Is("as") || i == trigger + 1 || i == trigger + 2 && view.Tokens[i - 1].Is("the"))) continue;
            if (view.Quoted[i] || !t.IsCapitalized || !t.IsWord || t.Text is "The" or "A" || IsCalendar(t.Norm) || view.Places.Any(p => p.TokenStart == i) || view.Actors.Any(a => a.TokenStart == i)) continue;
            var end = i;
            while (end < view.Tokens.Length && end - i < 5 && (view.Tokens[end].IsCapitalized && view.Tokens[end].IsWord || view.Tokens[end].Text == "-")) end++;
            var name = ActorResolver.Join(view.Tokens, i, end);
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (_notBannableHeads.Contains(words[^1]) || _notBannableHeads.Contains(words[0])) return [];
            var party = article.Names.All.FirstOrDefault(a => a.Name == name) ?? new ArticleActor(ActorId.FromName(name), name, ActorKind.Organization, null, known: false);
            return [(party, i)];
        }
        return [];
    }

    /// <summary>"… and the armed group known as OLF-Shene": a further name the ban lists that the gazetteer does not know.</summary>
    private List<(ArticleActor Party, int At)> KnownAs(ArticleContext article, SentenceView view, int trigger)
    {
        for (var i = trigger + 2; i + 1 < view.Tokens.Length; i++)
            if (view.Tokens[i].Is("as") && (view.Tokens[i - 1].Is("known") || view.Tokens[i - 1].Is("called")) && !view.Quoted[i])
                return UnknownNameAfter(article, view, i);
        return [];
    }

    private static bool IsCalendar(string w) => w is "January" or "February" or "March" or "April" or "May" or "June" or "July" or "August" or "September"
        or "October" or "November" or "December" or "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday";
}
