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
    private readonly string[] _lowerDesignationPhrases = lexicon["designations"].Phrases.Select(p => string.Join(' ', p).ToLowerInvariant()).ToArray();
    private readonly string[] _lowerDesignationWords = lexicon["designations"].Words.Select(w => w.ToLowerInvariant()).ToArray();
    private readonly WordSet _negation = lexicon["negation-cues"];
    private readonly WordSet _denial = lexicon["denial-cues"];
    private readonly WordSet _irrealis = lexicon["irrealis-cues"];
    private readonly WordSet _partyNouns = lexicon["party-nouns"];
    private readonly WordSet _hedges = lexicon["hedge-cues"];
    private readonly WordSet _notBannableHeads = lexicon["not-bannable-heads"];
    private readonly WordSet _outlawing = lexicon["outlawing-verbs"];
    private readonly WordSet _suspending = lexicon["suspending-verbs"];
    private readonly WordSet _activities = lexicon["suspended-activities"];
    private readonly WordSet _notBannedAfter = lexicon["not-banned-after"];
    private readonly WordSet _linkNouns = lexicon["link-nouns"];
    private readonly WordSet _attributiveBefore = lexicon["attributive-before"];
    private readonly WordSet _reference = lexicon["reference-clause-cues"];
    private readonly WordSet _services = lexicon["outage-subjects"];
    private readonly WordSet _notPartyAfter = lexicon["not-party-after"];
    private readonly WordSet _stativeBefore = lexicon["stative-before"];
    private readonly WordSet _clauseOpeners = lexicon["clause-openers"];
    private readonly WordSet _gatherings = lexicon["banned-gatherings"];
    private readonly WordSet _stripping = lexicon["stripping-verbs"];
    private readonly WordSet _legalStanding = lexicon["legal-standing"];
    private readonly WordSet _becoming = lexicon["becoming-verbs"];
    private static readonly ActorKind[] Bannable = [ActorKind.Party, ActorKind.Organization];

    public void Apply(ArticleContext article)
    {
        var undated = new List<(ArticleActor Party, ArticleActor? Authority, string? Designation)>();
        (int Sentence, DateMention Date)? lastDated = null;
        foreach (var view in article.Views)
        {
            var banTriggers = view.Find(_banVerbs).Select(t => t.Index).ToHashSet();
            var strippings = Strippings(view).ToDictionary(x => x.Verb, x => x.Taken);
            banTriggers.UnionWith(strippings.Keys);
            banTriggers.UnionWith(Suspensions(view));
            var designationVerbs = view.Find(_designationVerbs).Select(t => t.Index).ToList();
            // Most sentences have neither verb: looking for a designation in them was a quarter of all extraction.
            if (banTriggers.Count == 0 && designationVerbs.Count == 0) continue;
            var designation = FindDesignation(view);
            var triggers = banTriggers
                .Concat(designation is null ? [] : designationVerbs)
                .Order().ToList();
            foreach (var trigger in triggers)
            {
                if (view.CueBefore(_negation, trigger, 6) || view.CueBefore(_irrealis, trigger, 6) || view.CueBefore(_denial, trigger, 8)) continue;
                // "posts claimed on Tuesday that the commission had also dissolved …": hedged reports anywhere before the verb.
                if (view.CueBefore(_hedges, trigger, 25, stopAtClause: false)) continue;
                if (GatheringBanned(view, trigger)) continue;
                // "members of the banned IRPT", "a list of banned groups": the participle describes the party, it does not report the act.
                if (IsAttributive(view, trigger)) continue;
                // "its first public event since the ban", "after the dissolution": the ban as a reference point, told before.
                if (trigger >= 2 && view.Tokens[trigger - 1].Text is "the" or "its" or "their" && _reference.Contains(view.Tokens[trigger - 2].Text)) continue;
                // "politicians banned from politics": a ban of persons, not of an organization.
                if (trigger + 1 < view.Tokens.Length && view.Tokens[trigger + 1].Is("from")) continue;
                // A designation verb needs its designation after it ("designated … as terrorist organisations"), not
                // somewhere else in the sentence ("which ruled the region until November").
                if (!banTriggers.Contains(trigger) && !DesignationFollows(view, trigger)) continue;
                var authority = view.Actors.Where(a => a.Actor.Kind == ActorKind.GovernmentBody && !view.Quoted[a.TokenStart])
                    .OrderBy(a => Math.Abs(a.TokenStart - trigger)).Select(a => a.Actor).FirstOrDefault();
                var parties = PartiesOf(article, view, trigger, authority);
                if (parties.Count == 0 && CountsGroups(view, trigger)) parties = NamedInTheNext(article, view, trigger);
                // The object of "stripped X of its legal status" ends where what was taken begins: "…, weeks after the
                // party joined the Citizens' Alliance" names no second banned party.
                if (strippings.TryGetValue(trigger, out var taken)) parties = parties.Where(p => p.At < taken).ToList();
                if (parties.Count == 0) continue;
                var triggerDate = ReducedRelative(view, trigger) ? ClauseDate(view, trigger) : view.DateFor(trigger);
                // "closes a chapter that began in 1988": a date only a relative clause gives is not the ban's.
                if (triggerDate is not null && view.InOtherClause(trigger, view.TokenAt(triggerDate.Start))) triggerDate = null;
                // "the first since the Progressive Party was outlawed in 1958": a ban told inside a since/after clause is an act
                // of its own, and the date right after its verb is its date (for the main clause it is only a reference point).
                triggerDate ??= InReferenceClause(view, trigger) ? DateRightAfter(view, trigger) : null;
                // "The court also ordered the liquidation of …" right after a dated report of a ban: the same ruling, the same day.
                var carried = triggerDate is null && lastDated is { } ld && ld.Sentence == view.Index - 1 && ContinuesRuling(view, trigger, authority) ? ld.Date : null;
                triggerDate ??= carried;
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
                    if (date != carried) lastDated = (view.Index, date);
                    Merge(article, new BanDraft
                    {
                        Party = party,
                        Authority = authority,
                        Designation = designation,
                        Date = date.Date,
                        Country = country.Value,
                        Evidence = view,
                        LegalAct = LegalActOf(view),
                        Confidence = 0.85 * date.Confidence * (parties.Count > 1 ? 0.95 : 1.0) * (date == carried ? 0.85 : 1.0),
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

    // "stripped the opposition party Citizens for Liberty (CxL) of its legal status": the verb is the ban's trigger when
    // what it takes follows within a few words (its object sits between); "stripped of his seat" is no ban.
    private IEnumerable<(int Verb, int Taken)> Strippings(SentenceView view)
    {
        foreach (var (verb, _) in view.Find(_stripping))
            foreach (var (taken, _) in view.Find(_legalStanding))
                if (taken > verb && taken - verb <= 12 && !view.AcrossSemicolon(verb, taken))
                {
                    yield return (verb, taken);
                    break;
                }
    }

    // "The ministry suspended the group's activities on June 14", "froze its activities": the verb bans the group when an
    // activity noun follows within four words with only its owner between ("the activities of X" is a ban phrase already).
    // "ordered a halt to all of the group's activities": after a phrase, counted from its last word, one more ("all of").
    private IEnumerable<int> Suspensions(SentenceView view)
    {
        foreach (var (verb, len) in view.Find(_suspending))
        {
            var first = verb + len;
            var reach = len > 1 ? 5 : 4;
            for (var k = first; k < view.Tokens.Length && k - first < reach; k++)
            {
                if (!view.Tokens[k].IsWord || view.Quoted[k]) break;
                if (!_activities.Contains(view.Tokens[k].Text)) continue;
                if (k > first && !(k + 1 < view.Tokens.Length && view.Tokens[k + 1].Is("of"))) yield return verb;
                break;
            }
        }
    }

    // "a halt to all of the CNL's activities": a group named in the possessive is banned only as the owner of the activities
    // stopped ("the CNL's leader" names no banned group).
    private bool OwnsActivities(SentenceView view, int end) => end < view.Tokens.Length && _activities.Contains(view.Tokens[end].Text);

    // "A rally that the KPA had planned in Mombasa was banned by police": a passive ban whose clause opens with a
    // gathering banned the gathering; the party named inside the relative clause only planned it.
    private bool GatheringBanned(SentenceView view, int trigger)
    {
        if (trigger == 0 || view.Tokens[trigger - 1].Text is not ("was" or "were" or "been")) return false;
        var start = view.ClauseStart(trigger);
        return Enumerable.Range(start, Math.Min(4, trigger - start)).Any(k => _gatherings.Contains(view.Tokens[k].Text));
    }

    private static Timeline.Domain.Countries.CountryCode? NearCountry(SentenceView view, int trigger)
    {
        // "outlawed six Palestinian groups": a demonym after the verb describes the banned, not the banning state.
        var near = view.Places.Where(p => !view.Quoted[p.TokenStart] && Math.Abs(p.TokenStart - trigger) <= 8 && !(p.IsDemonym && p.TokenStart > trigger))
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
        // "which ruled the region until November": a designation verb in a relative clause is background, not the act,
        // unless the designation is its own complement ("Israel, which designated it a terrorist organisation in 2021").
        var relative = trigger > 0 && view.Tokens[trigger - 1].Text is "which" or "that" or "who";
        var last = Math.Min(view.Tokens.Length, trigger + (relative ? 8 : 30));
        for (var i = trigger + 1; i < last; i++)
        {
            if (_designations.Contains(view.Tokens[i].Text)) return true;
            if (_designations.Phrases.Any(p => view.PhraseAt(i, p))) return true;
        }
        return false;
    }

    /// <summary>Governments, councils and courts are dissolved or named, never banned as parties; agents and reasons neither.</summary>
    private bool IsBannable(SentenceView view, ActorMention mention, int trigger)
    {
        var words = mention.Actor.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "banned the Southern Cameroons National Council": a state body is dissolved, never banned, so after a banning verb
        // a named organisation is the banned group whatever its name ends in.
        var outlawed = _outlawing.Contains(view.Tokens[trigger].Text) && mention.Actor.Kind is not ActorKind.GovernmentBody;
        if (!outlawed && words.Length > 0 && (_notBannableHeads.Contains(words[^1]) || _notBannableHeads.Contains(words[0]))) return false;
        // Blocking Twitter or Telegram is an internet outage, not the ban of an organization.
        if (mention.Actor.Aliases.Any(_services.Contains)) return false;
        var s = mention.TokenStart;
        if (s > 0 && view.Tokens[s - 1].Is("the")) s--;
        if (s > 0 && _notBannedAfter.Contains(view.Tokens[s - 1].Text)) return false;
        if (s > 1 && view.Tokens[s - 1].Text is "to" or "with" && _linkNouns.Contains(view.Tokens[s - 2].Text)) return false;
        return true;
    }

    private string? FindDesignation(SentenceView view)
    {
        var text = view.Sentence.Text;
        // Lower-cased once and searched ordinally: a case-insensitive search per entry is slow with invariant
        // globalization. Lower-casing keeps every character's index, so the match is cut from the original text.
        var lower = text.ToLowerInvariant();
        foreach (var phrase in _lowerDesignationPhrases)
        {
            var at = lower.IndexOf(phrase, StringComparison.Ordinal);
            if (at >= 0) return text.Substring(at, phrase.Length);
        }
        foreach (var word in _lowerDesignationWords)
        {
            var at = lower.IndexOf(word, StringComparison.Ordinal);
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
        var named = view.Actors.Where(a => Bannable.Contains(a.Actor.Kind) && a.Actor != authority && !view.Quoted[a.TokenStart] && !IsActingBody(view, a, trigger)
                                           && (view.Tokens[a.TokenEnd - 1].Text == view.Tokens[a.TokenEnd - 1].Norm || OwnsActivities(view, a.TokenEnd)) && IsBannable(view, a, trigger) && (!IsNounAdjunct(view, a.TokenEnd) || OwnsActivities(view, a.TokenEnd)) && !view.AcrossSemicolon(a.TokenStart, trigger))
            .Select(a => (a.Actor, a.TokenStart)).DistinctBy(a => a.Actor).ToList();
        // "outlawed Batasuna, ruling … that the party was part of the armed group ETA": a group named inside a clause the
        // verb's object does not reach is what the ruling says about the banned party, not another banned party.
        if (named.Any(n => !view.InOtherClause(trigger, n.TokenStart)))
            named.RemoveAll(n => n.TokenStart > trigger && view.InOtherClause(trigger, n.TokenStart));
        var pronoun = Enumerable.Range(Math.Max(0, trigger - 4), Math.Min(view.Tokens.Length, trigger + 3) - Math.Max(0, trigger - 4))
            .FirstOrDefault(i => view.Tokens[i].Is("it") || view.Tokens[i].Is("its") || i > 0 && view.Tokens[i - 1].Is("the") && _partyNouns.Contains(view.Tokens[i].Norm), -1);
        if (named.Count > 0 && (pronoun < 0 || named.Any(n => Math.Abs(n.TokenStart - trigger) <= Math.Abs(pronoun - trigger) + 2)))
        {
            var listed = ListedNames(article, view, trigger).Where(l => named.All(n => n.Actor != l.Party)).ToList();
            if (named.Any(n => n.TokenStart > trigger && n.TokenStart - trigger <= 8)) return [.. named, .. KnownAs(article, view, trigger), .. listed];
            return [.. named, .. UnknownNameAfter(article, view, trigger), .. listed];
        }
        if (pronoun >= 0 && LastParty(article, view.Index, pronoun) is { } last) return [(last, pronoun)];
        var after = UnknownNameAfter(article, view, trigger);
        return [.. after, .. ListedNames(article, view, trigger).Where(l => after.All(a => a.Party != l.Party))];
    }

    private static readonly HashSet<string> CountWords = new(StringComparer.OrdinalIgnoreCase) { "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "dozens" };
    private static readonly HashSet<string> GroupPlurals = new(StringComparer.OrdinalIgnoreCase) { "groups", "organisations", "organizations", "parties", "movements", "associations", "NGOs", "foundations" };

    // "outlawed six Palestinian civil society groups": the object counts groups without naming them.
    private static bool CountsGroups(SentenceView view, int trigger)
    {
        for (var i = trigger + 1; i < Math.Min(view.Tokens.Length, trigger + 4); i++)
        {
            if (!(CountWords.Contains(view.Tokens[i].Text) || view.Tokens[i].Text.All(char.IsDigit))) continue;
            for (var k = i + 1; k < Math.Min(view.Tokens.Length, i + 6); k++)
                if (GroupPlurals.Contains(view.Tokens[k].Text)) return true;
        }
        return false;
    }

    /// <summary>
    /// "… outlawed six groups. The order names Addameer, Al-Haq and four others, which it said were linked to the PFLP.":
    /// the groups the next sentence names before any relative clause.
    /// </summary>
    private static List<(ArticleActor Party, int At)> NamedInTheNext(ArticleContext article, SentenceView view, int trigger)
    {
        if (view.Index + 1 >= article.Views.Length) return [];
        var next = article.Views[view.Index + 1];
        var clause = Enumerable.Range(0, next.Tokens.Length).FirstOrDefault(k => next.Tokens[k].Text is "which" or "that" or "who" or ";", next.Tokens.Length);
        return next.Actors.Where(a => Bannable.Contains(a.Actor.Kind) && !a.IsPronoun && a.TokenStart < clause && !next.Quoted[a.TokenStart])
            .Select(a => (a.Actor, trigger)).DistinctBy(a => a.Actor).ToList();
    }

    // "The Security Council of X classified A and B as terrorist organisations": a council, court or ministry named before
    // the verb is the one acting, never the banned party, even when the gazetteer does not know it as a state body.
    private bool IsActingBody(SentenceView view, ActorMention a, int trigger) =>
        a.TokenEnd <= trigger && !view.Tokens.Skip(a.TokenStart).Take(a.TokenCount).Any(t => t.Is("party"))
        && a.Actor.Name.Split(' ').Any(w => _notBannableHeads.Contains(w) || _notBannableHeads.Contains(w.ToLowerInvariant()));

    /// <summary>
    /// "banned the country's largest Islamist party, Jamaat-e-Islami, and its student wing, Islami Chhatra Shibir",
    /// "banned three groups: A, B and C": names the gazetteer does not know, listed or set in apposition in the ban's object.
    /// A name counts only where a list puts it: right after a comma, colon or "and", and followed by a comma, "and" or the end.
    /// </summary>
    private List<(ArticleActor Party, int At)> ListedNames(ArticleContext article, SentenceView view, int trigger)
    {
        var found = new List<(ArticleActor, int)>();
        var tokens = view.Tokens;
        for (var i = trigger + 1; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Text is ";" or "—" or "–" or "(" || view.Quoted[i]) break;
            // The object ends where a new clause opens: ", accusing them of …", ", which …", ", after …".
            if (t.Text == "," && i + 1 < tokens.Length && !tokens[i + 1].IsCapitalized
                && (_clauseOpeners.Contains(tokens[i + 1].Text) || tokens[i + 1].Text.EndsWith("ing", StringComparison.Ordinal))) break;
            if (!(t.IsWord && t.IsCapitalized) || !(tokens[i - 1].Text is "," or ":" || tokens[i - 1].Is("and"))) continue;
            if (view.Places.Any(p => p.TokenStart <= i && i < p.TokenEnd) || view.Actors.Any(a => a.TokenStart <= i && i < a.TokenEnd) || IsCalendar(t.Norm)) continue;
            var end = i;
            while (end < tokens.Length && end - i < 5 && tokens[end].IsWord && tokens[end].IsCapitalized && !view.Actors.Any(a => a.TokenStart == end)) end++;
            var next = end < tokens.Length ? tokens[end].Text : ".";
            if (next is not ("," or "." or ";" or "and" or ")")) { i = end; continue; }
            var name = ActorResolver.Join(tokens, i, end);
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (_notBannableHeads.Contains(words[^1]) || _notBannableHeads.Contains(words[0])) { i = end; continue; }
            found.Add((Named(article, name), i));
            i = end - 1;
        }
        return found;
    }

    // A name already reported banned in the article, or its last word ("Shibir" after "Islami Chhatra Shibir"), is that party.
    private static ArticleActor Named(ArticleContext article, string name) =>
        article.Names.All.FirstOrDefault(a => a.Name == name)
        ?? article.Bans.Select(b => b.Party).FirstOrDefault(p => p.Name == name || p.Name.EndsWith(" " + name, StringComparison.Ordinal)
                                                                  || p.Name.StartsWith(name + "-", StringComparison.Ordinal) || p.Name.StartsWith(name + " ", StringComparison.Ordinal))
        ?? new ArticleActor(ActorId.FromName(name), name, ActorKind.Organization, null, known: false);

    /// <summary>
    /// What "it" or "the party" refers to: the party or organization named last, counting names the gazetteer does not know
    /// but this article has already reported banned ("Samidoun, which describes itself …, said …. It is already banned …").
    /// </summary>
    private static ArticleActor? LastParty(ArticleContext article, int sentence, int token)
    {
        var known = article.LastMentioned(sentence, token, ActorKind.Party, ActorKind.Organization);
        var banned = article.Bans.Select(b => b.Party).Where(p => !p.Known).Distinct().ToList();
        if (banned.Count == 0) return known;
        for (var s = sentence; s >= 0 && s >= sentence - 6; s--)
        {
            var view = article.Views[s];
            var limit = s == sentence ? token : view.Tokens.Length;
            var bestAt = -1;
            ArticleActor? best = null;
            foreach (var m in view.Actors)
                if (m.TokenStart < limit && !m.IsPronoun && m.Actor.Kind is ActorKind.Party or ActorKind.Organization && m.TokenStart > bestAt) { best = m.Actor; bestAt = m.TokenStart; }
            foreach (var p in banned)
            {
                var words = p.Name.Split(' ');
                for (var i = 0; i + words.Length <= limit; i++)
                    if (i > bestAt && view.PhraseAt(i, words)) { best = p; bestAt = i; }
            }
            if (best is not null) return best;
        }
        return known;
    }

    /// <summary>"the Telegram channel NEXTA", "Facebook pages": a name that modifies a common noun is not the banned party.</summary>
    private bool IsNounAdjunct(SentenceView view, int end) =>
        end < view.Tokens.Length && _notPartyAfter.Contains(view.Tokens[end].Text);

    /// <summary>"the banned IRPT", "of banned groups", "Russia's outlawed …": a participle used as an adjective.</summary>
    private bool IsAttributive(SentenceView view, int trigger)
    {
        var word = view.Tokens[trigger].Text;
        if (!word.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || trigger == 0) return false;
        var before = view.Tokens[trigger - 1];
        // "Hizb ut-Tahrir became a proscribed terrorist organisation": the participle says what the group now is.
        if (trigger >= 2 && before.Text is "a" or "an" && _becoming.Contains(view.Tokens[trigger - 2].Text)) return false;
        return _attributiveBefore.Contains(before.Text) || before.Text.EndsWith("'s", StringComparison.Ordinal) || before.Text.EndsWith("’s", StringComparison.Ordinal);
    }

    /// <summary>"The FBK, banned in Russia as “extremist” since June, held …": a participle set off by a comma after its noun.</summary>
    // "X (ACR), banned in …", "the Ata Meken party, outlawed since 2008, …": a participle right after a name.
    private bool ReducedRelative(SentenceView view, int trigger) =>
        trigger > 1 && view.Tokens[trigger - 1].Text == "," && view.Tokens[trigger].Text.EndsWith("ed", StringComparison.OrdinalIgnoreCase)
        && (view.Tokens[trigger - 2].IsCapitalized || view.Tokens[trigger - 2].Text == ")" || view.Actors.Any(a => a.TokenEnd == trigger - 1) || _partyNouns.Contains(view.Tokens[trigger - 2].Text));

    // A reference cue ("since", "after") a few words before the ban verb in its clause, opening a clause with a subject of
    // its own: "since the party was outlawed", not "since the ban" (the ban as a reference point, told before).
    private bool InReferenceClause(SentenceView view, int trigger)
    {
        for (var k = trigger - 1; k >= 0 && trigger - k <= 7; k--)
        {
            if (view.Tokens[k].Text is "," or ";" or "." || view.Quoted[k]) return false;
            if (_reference.Contains(view.Tokens[k].Text)) return trigger - k >= 3;
        }
        return false;
    }

    private static DateMention? DateRightAfter(SentenceView view, int trigger) =>
        view.Dates.FirstOrDefault(d => d.Date is not null && d.Kind == DateMentionKind.Absolute && view.TokenAt(d.Start) > trigger
                                       && view.TokenAt(d.Start) - trigger <= 3 && !view.Quoted[view.TokenAt(d.Start)]);

    /// <summary>The date inside a reduced relative clause (up to its closing comma): "since June" there is when the ban began.</summary>
    private static DateMention? ClauseDate(SentenceView view, int trigger)
    {
        var end = trigger + 1;
        while (end < view.Tokens.Length && view.Tokens[end].Text is not ("," or ";" or "—")) end++;
        DateMention? best = null;
        foreach (var d in view.Dates)
        {
            var at = view.TokenAt(d.Start);
            if (d.Date is null || d.Kind == DateMentionKind.Span || at <= trigger || at >= end || view.Quoted[at]) continue;
            var since = d.Text.StartsWith("since", StringComparison.OrdinalIgnoreCase) || at > 0 && view.Tokens[at - 1].Is("since");
            if (d.IsReference && !since) continue;
            best ??= d;
        }
        return best;
    }

    /// <summary>
    /// An undated ban that continues the ruling reported just before: "also", or an authority as its subject, in the simple
    /// past. "It is already banned in Israel" or "had been banned" are states and background, not the same ruling.
    /// </summary>
    private bool ContinuesRuling(SentenceView view, int trigger, ArticleActor? authority)
    {
        var from = Math.Max(0, trigger - 4);
        for (var k = from; k < trigger; k++)
            if (_stativeBefore.Contains(view.Tokens[k].Text)) return false;
        return authority is not null || view.Tokens.Take(trigger).Any(t => t.Is("also"));
    }

    /// <summary>The law a ban rests on: "under Section 18(1) of the Anti-Terrorism Act, 2009", "under the Law on Extremism".</summary>
    private static string? LegalActOf(SentenceView view)
    {
        var tokens = view.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Text is not ("Act" or "Law" or "Code" or "Decree" or "Ordinance") || view.Quoted[i]) continue;
            var start = i;
            while (start > 0 && (tokens[start - 1].IsCapitalized && tokens[start - 1].IsWord && tokens[start - 1].Text is not "The") ) start--;
            var end = i + 1;
            // "Law on Extremism", "Act of 1997", "Act, 2009"
            if (end + 1 < tokens.Length && tokens[end].Text is "on" or "of" && (tokens[end + 1].IsCapitalized || tokens[end + 1].IsNumber))
            {
                end += 2;
                while (end < tokens.Length && tokens[end].IsCapitalized && tokens[end].IsWord) end++;
            }
            else if (end + 1 < tokens.Length && tokens[end].Text == "," && tokens[end + 1].IsNumber && tokens[end + 1].Text.Length == 4) end += 2;
            if (end - start < 2) continue;
            return ActorResolver.Join(tokens, start, end);
        }
        return null;
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
            return [(Named(article, name), i)];
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
