using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Ingestion.Gazetteer;
using Timeline.Ingestion.Rules;
using Timeline.Ingestion.Text;
using GazetteerIndex = Timeline.Ingestion.Gazetteer.Gazetteer;

namespace Timeline.Ingestion.Actors;

/// <summary>What one article names: per sentence, the actors (with coreference applied) and the places.</summary>
public sealed class ArticleNames
{
    public required List<ActorMention>[] Actors { get; init; }
    public required List<PlaceMention>[] Places { get; init; }
    public required IReadOnlyCollection<ArticleActor> All { get; init; }
    /// <summary>The country the article is most about (most named), the fallback for events that name none.</summary>
    public CountryCode? MainCountry { get; init; }
}

/// <summary>
/// Finds the actors of an article in two passes. First it learns names: gazetteer entries, acronyms the article defines
/// ("Full Name (ACR)"), and people and organizations not in the gazetteer, recognised by the company they keep (a role
/// noun, a speech verb, a title, an apposition). Then it marks every mention, resolving surnames, first names and
/// acronyms to the full actor. Pronouns are resolved later, by the rules that know who spoke last.
/// </summary>
public sealed class ActorResolver(GazetteerIndex gazetteer, Lexicon lexicon)
{
    public static ActorResolver Default { get; } = new(GazetteerIndex.Default, Lexicon.Default);

    private readonly WordSet _speech = lexicon["speech-verbs"];
    private readonly WordSet _roles = lexicon["role-nouns"];
    private readonly WordSet _titles = lexicon["person-titles"];
    private readonly WordSet _portfolios = lexicon["portfolios"];
    private readonly WordSet _stop = lexicon["name-stopwords"];
    private readonly WordSet _givenNames = lexicon["given-names-among-stopwords"];
    private readonly WordSet _governmentBodies = lexicon["government-bodies"];
    private readonly WordSet _services = lexicon["outage-subjects"];
    private readonly Dictionary<string, ActorKind> _orgHeads = lexicon.RawLines("org-heads")
        .Select(l => l.Split('\t')).ToDictionary(p => p[0], p => GazetteerIndex.ParseKind(p[1]), StringComparer.Ordinal);
    private static readonly HashSet<string> GroupMemberOpeners = new(StringComparer.Ordinal)
    {
        "Hundreds", "Thousands", "Dozens", "Scores", "Tens", "Millions", "Members", "Leaders", "Supporters", "Delegates", "Representatives", "Activists",
    };

    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "On", "In", "At", "According", "After", "Before", "When", "While", "But", "And", "Recall", "Meanwhile",
        "However", "Also", "Both", "Critically", "Nevertheless", "Speaking", "Earlier", "Later", "Last", "This", "That", "Its", "Their",
    };
    /// <summary>Words that introduce a party's bare name before a lowercase "party".</summary>
    private static readonly Dictionary<string, ActorKind> LowercaseGroupNouns = new(StringComparer.Ordinal)
    {
        ["party"] = ActorKind.Party, ["movement"] = ActorKind.Party, ["bloc"] = ActorKind.Party,
        ["coalition"] = ActorKind.Organization, ["alliance"] = ActorKind.Organization, ["union"] = ActorKind.Organization,
    };
    private static readonly HashSet<string> PartyQualifiers = new(StringComparer.Ordinal) { "governing", "ruling", "opposition", "banned", "outlawed" };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "for", "the", "and", "under", "on", "de", "du", "des", "la", "al", "&" };

    public ArticleNames Resolve(IReadOnlyList<Sentence> sentences)
    {
        var actors = new Dictionary<ActorId, ArticleActor>();
        var aliases = new Dictionary<string, List<(string[] Tokens, ArticleActor Actor)>>(StringComparer.Ordinal);
        var gazetteerMatches = new List<GazetteerMatch>[sentences.Count];

        ArticleActor Known(GazetteerEntry entry)
        {
            if (!actors.TryGetValue(entry.Id, out var actor)) actors[entry.Id] = actor = ArticleActor.From(entry);
            return actor;
        }

        void AddAlias(string alias, ArticleActor actor)
        {
            var tokens = Tokenizer.Tokenize(alias).Select(t => t.Text).ToArray();
            if (tokens.Length == 0) return;
            if (!aliases.TryGetValue(tokens[0], out var list)) aliases[tokens[0]] = list = [];
            // An alias that two actors share (two people called "Karimov") resolves to neither.
            var clash = list.FindIndex(a => a.Tokens.SequenceEqual(tokens) && a.Actor != actor);
            if (clash >= 0) { list[clash] = (tokens, null!); return; }
            if (list.Any(a => a.Tokens.SequenceEqual(tokens))) return;
            list.Add((tokens, actor));
            list.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
            actor.Aliases.Add(alias);
        }

        ArticleActor Discovered(string name, ActorKind kind, CountryCode? country)
        {
            var id = ActorId.FromName(name);
            if (actors.TryGetValue(id, out var existing)) return existing;
            // "…,” Karimov replied" after "Nodir Karimov": a name the article already uses for someone is that actor,
            // not a second one (which would make the shared alias resolve to neither).
            var nameTokens = Tokenizer.Tokenize(name).Select(t => t.Text).ToArray();
            if (nameTokens.Length > 0 && aliases.TryGetValue(nameTokens[0], out var known)
                && known.FirstOrDefault(a => a.Tokens.SequenceEqual(nameTokens)).Actor is { } same
                && (same.Kind == kind || kind == ActorKind.Person))
                return same;
            // A short form of a name the article already used ("Center for Strategic Studies" after
            // "Center for Strategic Studies under the President of Tajikistan") is the same actor.
            var longer = actors.Values.FirstOrDefault(a => a.Kind != ActorKind.Person && kind != ActorKind.Person
                && a.Name.StartsWith(name + " ", StringComparison.Ordinal));
            if (longer is not null) { AddAlias(name, longer); return longer; }
            var actor = new ArticleActor(id, name, kind, country, known: false);
            actors[id] = actor;
            AddAlias(name, actor);
            if (kind == ActorKind.Person)
            {
                var parts = name.Split(' ');
                if (parts.Length >= 2)
                {
                    AddAlias(parts[^1], actor);
                    AddAlias(parts[0], actor);
                }
            }
            return actor;
        }

        // The first sentence's dateline code ("MEXICO CITY, March 11 (GW) —") is skipped by both passes.
        var agency = sentences.Count > 0 ? DatelineAgency(sentences[0].Tokens) : null;

        // Pass 1: learn the names.
        for (var s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s].Tokens;
            var matches = gazetteer.Match(tokens);
            if (s == 0 && agency is { } code) matches.RemoveAll(m => m.TokenStart == code);
            // "National Front for the Defence of the Constitution" is not the "National Front" the gazetteer knows: a known
            // name ending in an organisation's head that runs on into "for/of (the) Capitalized …" is the start of a longer name.
            matches.RemoveAll(m => m.Entry.Type == EntryType.Actor && _orgHeads.ContainsKey(tokens[m.TokenEnd - 1].Norm) && RunsOnIntoName(tokens, m.TokenEnd));
            // "the Senegalese Workers' Party" is not the Brazilian "Workers' Party" the gazetteer knows: a known group's name
            // right after another country's demonym is that country's own group.
            matches.RemoveAll(m => m.Entry.Type == EntryType.Actor && m.Entry.Country is { } known
                && matches.Any(d => d.TokenEnd == m.TokenStart && d.Entry.Type == EntryType.Demonym && d.Entry.Country is { } named && named != known));
            // "Kitty Monterrey, called", "Santiago Peña said": a one-word city next to a name, where the two read as a person,
            // is a person's name and no place.
            matches.RemoveAll(m => m.Entry.Type == EntryType.City && m.TokenEnd - m.TokenStart == 1 && IsPartOfPersonName(tokens, m, matches));
            gazetteerMatches[s] = matches;
            var covered = new bool[tokens.Length];
            foreach (var m in matches)
                for (var k = m.TokenStart; k < m.TokenEnd; k++) covered[k] = true;

            foreach (var (found, end, kind) in FindOrganizations(tokens, covered))
            {
                // "The Bishkek Policy Institute", "the Tanzania Human Rights Defenders Coalition": a city or country right
                // before the name, after a determiner, is part of it; so is a demonym before a group's name ("the Tunisian
                // Lawyers' Association"), while "the Turkish Constitutional Court" stays the court of that country.
                var start = found;
                var city = matches.FindIndex(m => m.TokenEnd == found && (m.Entry.Type == EntryType.City
                    || m.Entry.Type is EntryType.Country or EntryType.Demonym && kind is not ActorKind.GovernmentBody && !(m.Entry.Type == EntryType.Demonym && kind is ActorKind.Media)));
                if (city >= 0 && (matches[city].TokenStart == 0 && matches[city].Entry.Type == EntryType.City || matches[city].TokenStart > 0 && (tokens[matches[city].TokenStart - 1].Text is "the" or "The" or "a" or "A" or "an" or "An"
                        // "the ruling Mongolian People's Party": after "ruling" or "opposition" too, the demonym is the name's.
                        || PartyQualifiers.Contains(tokens[matches[city].TokenStart - 1].Text))))
                    start = matches[city].TokenStart;
                var name = Join(tokens, start, end);
                var country = CountryWithin(matches, start, end);
                var actor = Discovered(name, kind, country);
                for (var k = start; k < end; k++) covered[k] = true;
                TryAcronym(tokens, end, actor, AddAlias);
            }
            foreach (var m in matches.Where(m => m.Entry.Type == EntryType.Actor))
                TryAcronym(tokens, m.TokenEnd, Known(m.Entry), AddAlias);
            foreach (var (start, end, properStart, kind, country) in FindGovernmentBodies(tokens, matches))
            {
                var nameStart = properStart;
                // "Russia's Supreme Court" after "Tajikistan's Supreme Court": the plain name is already another
                // country's body, so this one keeps its prefix.
                if (nameStart > start && actors.TryGetValue(ActorId.FromName(Join(tokens, nameStart, end)), out var plain) && plain.Country is { } other && other != country)
                    nameStart = start;
                var actor = Discovered(Join(tokens, nameStart, end), kind, country);
                // "Supreme Court" met earlier without a country is the body the prefix now places.
                actor.Country ??= country;
                // "Supreme Electoral Council", found first by its head word as an organisation, is a state's body once a
                // country's name owns it.
                if (!actor.Known && actor.Kind == ActorKind.Organization) actor.Kind = ActorKind.GovernmentBody;
                // The prefixed form stays one mention of the body, so its country word is not counted again as a place.
                if (nameStart > start) AddAlias(Join(tokens, start, end), actor);
                for (var k = start; k < end; k++) covered[k] = true;
            }
            foreach (var (start, end) in FindRegionalGovernments(tokens))
            {
                Discovered(Join(tokens, start, end), ActorKind.GovernmentBody, CountryWithin(matches, start, end));
                for (var k = start; k < end; k++) covered[k] = true;
            }
            foreach (var (start, end, kind) in FindNamedBeforeGroupApposition(tokens, covered).Concat(FindNamedAfterActivitiesOf(tokens, covered)))
            {
                Discovered(Join(tokens, start, end), kind, CountryWithin(matches, start, end));
                for (var k = start; k < end; k++) covered[k] = true;
            }
            foreach (var (start, end, kind) in FindNamedAfterGroupNoun(tokens, covered))
            {
                Discovered(Join(tokens, start, end), kind, CountryWithin(matches, start, end));
                for (var k = start; k < end; k++) covered[k] = true;
            }
            foreach (var (start, end) in FindPeople(tokens, covered))
            {
                var actor = Discovered(Join(tokens, start, end), ActorKind.Person, null);
                for (var k = start; k < end; k++) covered[k] = true;
            }
        }

        // Pass 2: mark every mention, article aliases (longer, learned here) before the gazetteer.
        var actorMentions = new List<ActorMention>[sentences.Count];
        var placeMentions = new List<PlaceMention>[sentences.Count];
        var countryCounts = new Dictionary<CountryCode, int>();
        var serviceCounts = new Dictionary<CountryCode, int>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s].Tokens;
            var found = new List<ActorMention>();
            var places = new List<PlaceMention>();
            for (var i = 0; i < tokens.Length;)
            {
                if (s == 0 && i == agency)
                {
                    i++;
                    continue;
                }
                var articleMatch = MatchAlias(aliases, tokens, i);
                var hasGazetteer = gazetteer.TryMatchAt(tokens, i, out var g);
                if (articleMatch is { } a && (!hasGazetteer || a.Count >= g.TokenCount))
                {
                    found.Add(new ActorMention(a.Actor, i, a.Count));
                    i += a.Count;
                }
                else if (hasGazetteer)
                {
                    if (g.Entry.Type == EntryType.Actor) found.Add(new ActorMention(Known(g.Entry), i, g.TokenCount));
                    else
                    {
                        places.Add(new PlaceMention(g.Entry, i, g.TokenCount));
                        countryCounts[g.Entry.Country!.Value] = countryCounts.GetValueOrDefault(g.Entry.Country!.Value) + 1;
                    }
                    i += g.TokenCount;
                }
                else i++;
            }
            // "Sri Lanka blocked Facebook, WhatsApp, Twitter and YouTube": a global platform's home country says little about
            // where the story is, so it counts only when nothing else names a country.
            foreach (var m in found)
                if (m.Actor.Country is { } c)
                {
                    var counts = m.Actor.Aliases.Any(_services.Contains) ? serviceCounts : countryCounts;
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                }
            actorMentions[s] = found;
            placeMentions[s] = places;
        }

        foreach (var s in Enumerable.Range(0, sentences.Count))
            foreach (var m in actorMentions[s].Where(m => m.Actor.Kind == ActorKind.Person))
                LearnRole(sentences[s].Tokens, m, actorMentions[s], placeMentions[s]);

        if (countryCounts.Count == 0) countryCounts = serviceCounts;
        var main = countryCounts.Count == 0 ? (CountryCode?)null
            : countryCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Value, StringComparer.Ordinal).First().Key;
        // "the Supreme Court", "the Ministry of Interior" without a country name: the state the article is about.
        foreach (var actor in actors.Values.Where(a => a.Kind == ActorKind.GovernmentBody && a.Country is null && !a.Known)) actor.Country = main;
        foreach (var actor in actors.Values) PlaceGenericBody(actor);
        return new ArticleNames { Actors = actorMentions, Places = placeMentions, All = actors.Values, MainCountry = main };
    }

    /// <summary>
    /// Every country has a "Supreme Court" and a "Ministry of Justice": a discovered body whose name is only such a
    /// generic name gets its country in its id ("supreme-court-tj"), so two states' courts never share one
    /// timeline; the prefixed form ("Kazakhstan's Supreme Court") gets the id the plain name would have there.
    /// The article's own wording stays the actor's name.
    /// </summary>
    private void PlaceGenericBody(ArticleActor actor)
    {
        if (actor.Known || actor.Kind != ActorKind.GovernmentBody || actor.Country is not { } country) return;
        var name = actor.Name;
        var prefix = GenericBodyAfterCountry(name);
        if (prefix is not null) name = prefix;
        else if (!IsGenericBodyName(name)) return;
        actor.Id = ActorId.FromName(name + " " + country.Value);
    }

    private bool IsGenericBodyName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return BodyPhrases().Any(p => p.Length == words.Length && p.Zip(words).All(x => string.Equals(x.First, x.Second, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>"Russia's Supreme Court" → "Supreme Court"; null when the name is not a country or demonym before a generic body.</summary>
    private string? GenericBodyAfterCountry(string name)
    {
        foreach (var separator in new[] { "'s ", "’s ", " " })
        {
            for (var at = name.IndexOf(separator, StringComparison.Ordinal); at > 0; at = name.IndexOf(separator, at + 1, StringComparison.Ordinal))
            {
                var rest = name[(at + separator.Length)..];
                if (rest.Length > 0 && char.IsUpper(rest[0]) && IsGenericBodyName(rest) && IsCountryWord(name[..at])) return rest;
            }
        }
        return null;
    }

    private bool IsCountryWord(string text)
    {
        var tokens = Tokenizer.Tokenize(text).ToList();
        return gazetteer.Match(tokens) is [var m] && m.TokenStart == 0 && m.TokenCount == tokens.Count
               && m.Entry.Type is EntryType.Country or EntryType.Demonym;
    }

    private static (ArticleActor Actor, int Count)? MatchAlias(Dictionary<string, List<(string[] Tokens, ArticleActor Actor)>> aliases, Token[] tokens, int i)
    {
        if (!aliases.TryGetValue(tokens[i].Text, out var list) && !aliases.TryGetValue(tokens[i].Norm, out list)) return null;
        foreach (var (aliasTokens, actor) in list)
        {
            if (i + aliasTokens.Length > tokens.Length) continue;
            var ok = true;
            for (var k = 0; k < aliasTokens.Length && ok; k++)
                ok = tokens[i + k].Text == aliasTokens[k] || (k == aliasTokens.Length - 1 && tokens[i + k].Norm == aliasTokens[k]);
            if (ok) return actor is null ? null : (actor, aliasTokens.Length);
        }
        return null;
    }

    /// <summary>"Full Name (ACR)": the bracketed acronym becomes an alias of the name before it.</summary>
    private static void TryAcronym(Token[] tokens, int end, ArticleActor actor, Action<string, ArticleActor> addAlias)
    {
        if (end + 2 < tokens.Length && tokens[end].Text == "(" && tokens[end + 2].Text == ")"
            && tokens[end + 1].Text.Length is >= 2 and <= 8 && tokens[end + 1].Text.Count(char.IsUpper) >= 2)
            addAlias(tokens[end + 1].Text, actor);
        // "the Nigerien Party for Democracy and Socialism (PNDS-Tarayya)": an acronym with a hyphenated motto is also
        // written without it ("PNDS leaders"), the way Niger's and other Sahel parties are named.
        else if (end + 2 < tokens.Length && tokens[end].Text == "(" && tokens[end + 2].Text == ")" && tokens[end + 1].Text.IndexOf('-') is >= 2 and <= 8 and var dash
                 && tokens[end + 1].Text[..dash].All(char.IsUpper) && tokens[end + 1].Text.Length <= 20)
        {
            addAlias(tokens[end + 1].Text, actor);
            addAlias(tokens[end + 1].Text[..dash], actor);
        }
    }

    private bool IsNameToken(Token t) =>
        t.IsWord && t.IsCapitalized && t.Text.Length >= 2 && !_stop.Contains(t.Norm) && !_orgHeads.ContainsKey(t.Norm)
        && !_titles.Contains(t.Text) && !_roles.Contains(t.Text.ToLowerInvariant()) && !IsCalendarWord(t.Norm)
        && !(t.Text.Length > 1 && t.Text.All(c => !char.IsLetter(c) || char.IsUpper(c)));

    // Name particles written in lower case inside a name: "Ahmed Farouk el-Sayed", "Abdel Fattah al-Burhan", "bin Salman".
    private static bool IsParticle(Token t) =>
        t.Text is "bin" or "ibn" or "van" or "von" or "de" or "da" or "di" or "del" or "der" or "den" or "la" or "le"
        || t.Text.Length > 3 && (t.Text.StartsWith("al-", StringComparison.Ordinal) || t.Text.StartsWith("el-", StringComparison.Ordinal) || t.Text.StartsWith("ad-", StringComparison.Ordinal));

    private static readonly Dictionary<string, ActorKind> GroupNounsBeforeName = new(StringComparer.Ordinal)
    {
        ["group"] = ActorKind.Organization, ["organisation"] = ActorKind.Organization, ["organization"] = ActorKind.Organization,
        ["network"] = ActorKind.Organization, ["association"] = ActorKind.Organization, ["foundation"] = ActorKind.Organization,
        ["party"] = ActorKind.Party, ["movement"] = ActorKind.Party,
    };

    /// <summary>
    /// "the prisoners' rights group Addameer", "the human rights organisation Al-Haq": after a determiner and lowercase
    /// words, a group noun followed by a capitalized name names that group.
    /// </summary>
    private static IEnumerable<(int Start, int End, ActorKind Kind)> FindNamedAfterGroupNoun(Token[] tokens, bool[] covered)
    {
        for (var i = 1; i + 1 < tokens.Length; i++)
        {
            if (!GroupNounsBeforeName.TryGetValue(tokens[i].Text, out var kind)) continue;
            var det = i - 1;
            while (det >= 0 && i - det <= 5 && tokens[det].Text is not ("the" or "The" or "a" or "an") && (tokens[det].IsWord && !tokens[det].IsCapitalized || tokens[det].Text == "'")) det--;
            if (det < 0 || tokens[det].Text is not ("the" or "The" or "a" or "an")) continue;
            var end = i + 1;
            while (end < tokens.Length && end - i <= 4 && tokens[end].IsWord && tokens[end].IsCapitalized && !covered[end] && !IsCalendarWord(tokens[end].Norm)) end++;
            if (end == i + 1) continue;
            yield return (i + 1, end, kind);
            i = end - 1;
        }
    }

    /// <summary>
    /// "the Social Democrats, the country's oldest opposition party": a capitalized name that an apposition ending in a
    /// group noun describes names that group.
    /// </summary>
    private static IEnumerable<(int Start, int End, ActorKind Kind)> FindNamedBeforeGroupApposition(Token[] tokens, bool[] covered)
    {
        for (var comma = 1; comma + 2 < tokens.Length; comma++)
        {
            if (tokens[comma].Text != "," || tokens[comma + 1].Text is not ("the" or "a" or "an")) continue;
            var head = comma + 2;
            // "Marina Tauber, a deputy chairwoman of the party": the apposition's head comes before a preposition, and a
            // person who holds a post "of the party" is not the party.
            while (head < tokens.Length && head - comma <= 7 && !GroupNounsBeforeName.ContainsKey(tokens[head].Text)
                   && (tokens[head].IsWord && !tokens[head].IsCapitalized && tokens[head].Text is not ("of" or "for" or "in" or "at" or "from" or "with") || tokens[head].Text is "'s" or "’s")) head++;
            if (head >= tokens.Length || !GroupNounsBeforeName.TryGetValue(tokens[head].Text, out var kind)) continue;
            if (head + 1 < tokens.Length && tokens[head + 1].Text is not ("," or "." or ";")) continue;   // the apposition ends with its noun
            var start = comma;
            while (start > 0 && comma - start < 6 && tokens[start - 1].IsWord && (tokens[start - 1].IsCapitalized || tokens[start - 1].Text == "of" && start - 2 >= 0 && tokens[start - 2].IsCapitalized)
                   && !IsCalendarWord(tokens[start - 1].Norm)) start--;
            while (start < comma && (tokens[start].Text is "The" or "A" or "An" || SentenceOpeners.Contains(tokens[start].Text))) start++;
            if (start == comma || Enumerable.Range(start, comma - start).Any(k => covered[k])) continue;
            yield return (start, comma, kind);
        }
    }

    /// <summary>"banned the activities of the Free Steppe Democrats": what has activities is a group.</summary>
    private static IEnumerable<(int Start, int End, ActorKind Kind)> FindNamedAfterActivitiesOf(Token[] tokens, bool[] covered)
    {
        for (var i = 0; i + 2 < tokens.Length; i++)
        {
            if (tokens[i].Text != "activities" || tokens[i + 1].Text != "of") continue;
            var start = i + 2 < tokens.Length && tokens[i + 2].Text == "the" ? i + 3 : i + 2;
            var end = start;
            while (end < tokens.Length && end - start < 6 && tokens[end].IsWord && !covered[end] && !IsCalendarWord(tokens[end].Norm)
                   && (tokens[end].IsCapitalized || tokens[end].Text == "of" && end + 1 < tokens.Length && tokens[end + 1].IsCapitalized)) end++;
            if (end > start && tokens[end - 1].Text == "of") end--;   // "… of Kyrgyzstan": the country is named already
            if (end > start && tokens[end - 1].IsCapitalized) yield return (start, end, ActorKind.Organization);
        }
    }

    private static bool IsCalendarWord(string w) => w is "January" or "February" or "March" or "April" or "May" or "June" or "July" or "August"
        or "September" or "October" or "November" or "December" or "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday";

    private IEnumerable<(int Start, int End, ActorKind Kind)> FindOrganizations(Token[] tokens, bool[] covered)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].IsCapitalized || !tokens[i].IsWord || covered[i]) continue;
            if (tokens[i].Text is "The" or "A" or "An") continue;
            var end = i;
            ActorKind? kind = null;
            while (end < tokens.Length)
            {
                var t = tokens[end];
                if (t.IsWord && t.IsCapitalized && !IsCalendarWord(t.Norm))
                {
                    // A state body's head wins ("Union Ministry of Home Affairs" is a ministry, not a union).
                    // A media word inside a group's name ("Kenya Press Freedom Association", "Radio Workers' Union") is not its
                    // head: the association is no outlet. A news agency or media network stays media.
                    if (_orgHeads.TryGetValue(t.Norm, out var k) && (kind is null || k == ActorKind.GovernmentBody
                        || kind == ActorKind.Media && k == ActorKind.Organization && t.Norm is not ("Agency" or "Network" or "Group" or "Company" or "Corporation"))) kind = k;
                    end++;
                    continue;
                }
                if (Connectors.Contains(t.Text) && end + 1 < tokens.Length && tokens[end + 1].IsCapitalized && tokens[end + 1].IsWord && !IsCalendarWord(tokens[end + 1].Norm)) { end++; continue; }
                // "National Union of Journalists of the Philippines", "Front for the Defence of …": "of the" / "for the"
                // before a name inside an organisation's name.
                if (kind is not null && t.Text is "of" or "for" && end + 2 < tokens.Length && tokens[end + 1].Text == "the"
                    && tokens[end + 2].IsCapitalized && tokens[end + 2].IsWord && !IsCalendarWord(tokens[end + 2].Norm)) { end += 2; continue; }
                break;
            }
            // "Mexico's governing Morena party", "the ruling Awami League party": a name that the lowercase word "party" follows.
            if (kind is null && end > i && end - i <= 3 && end < tokens.Length && tokens[end].Text == "party" && i > 0
                && (PartyQualifiers.Contains(tokens[i - 1].Text) || tokens[i - 1].Norm != tokens[i - 1].Text))
            {
                yield return (i, end, ActorKind.Party);
                i = end;
                continue;
            }
            // "the Likud party", "the Sambayan coalition": after "the", a short name that a lowercase group noun follows; so
            // too "The Volta Against Violence coalition" opening a sentence, and "The Serbia Against Violence coalition", whose
            // first word is a place the gazetteer matched (the place joins the name below).
            if (kind is null && end > i && end - i <= 3 && end < tokens.Length && i > 0 && (tokens[i - 1].Text is "the" || AfterTheAndPlace(tokens, covered, i) && LongName(tokens, i, end) || tokens[i - 1].Text is "The" && LongName(tokens, i, end))
                && !PartyQualifiers.Contains(tokens[i].Text.ToLowerInvariant())
                && LowercaseGroupNouns.TryGetValue(tokens[end].Text, out var groupKind))
            {
                yield return (i, end, groupKind);
                i = end;
                continue;
            }
            // "the BRICS group", "the MSG bloc": an acronym that a lowercase group noun follows names a group of members.
            if (kind is null && end == i + 1 && end < tokens.Length && i > 0 && tokens[i - 1].Text is "the" or "The"
                && tokens[end].Text is "group" or "bloc" && IsAcronym(tokens[i].Text))
            {
                yield return (i, end, ActorKind.Organization);
                i = end;
                continue;
            }
            // "Ministry of Transport, Maritime Affairs and Communications": a list of portfolios after "of" is part of the name.
            if (kind is not null && Enumerable.Range(i, end - i).Any(k => tokens[k].Text is "of" or "for")) end = PortfolioListEnd(tokens, end);
            if (kind is not null && end - i >= 2)
            {
                // Leading sentence openers and dates are not part of the name ("On Monday the Central Election Commission").
                var start = i;
                while (start < end && SentenceOpeners.Contains(tokens[start].Text)) start++;
                // "Hundreds of Green Dawn Party supporters", "Delegates of the Workers' League": people counted out of a group
                // open the sentence, not the group's name.
                while (start + 1 < end && GroupMemberOpeners.Contains(tokens[start].Text) && tokens[start + 1].Text == "of")
                    start += start + 2 < end && tokens[start + 2].Text == "the" ? 3 : 2;
                // A name ends in its head ("… Party") or carries it before "of/for" ("Ministry of Justice"); "Union Home
                // Minister Arvind Rao" has a head word but is a person with a title.
                var headed = _orgHeads.ContainsKey(tokens[end - 1].Norm)
                    || Enumerable.Range(start, end - start - 1).Any(k => _orgHeads.ContainsKey(tokens[k].Norm) && Connectors.Contains(tokens[k + 1].Text));
                if (end - start >= 2 && headed)
                    yield return (start, end, kind.Value);
                i = end;
            }
        }
    }

    // "BRICS", "MSG", "G20": two or more capitals, letters and digits only.
    private static bool IsAcronym(string word) => word.Length >= 2 && word.Count(char.IsUpper) >= 2 && word.All(char.IsLetterOrDigit) && word.Count(char.IsLower) <= 1;

    // "the"/"The" before a single matched place word right before i: "The Serbia Against Violence coalition".
    private static bool AfterTheAndPlace(Token[] tokens, bool[] covered, int i) =>
        i > 1 && covered[i - 1] && tokens[i - 1].IsCapitalized && !covered[i - 2] && tokens[i - 2].Text is "the" or "The";

    // A name of two words or more, none of them a word that also opens sentences or qualifies a group: "The Islamist
    // movement" or "the Kurdish Islamist movement" name no group, "The Volta Against Violence coalition" does.
    private bool LongName(Token[] tokens, int i, int end) =>
        end - i >= 2 && Enumerable.Range(i, end - i).All(k => Connectors.Contains(tokens[k].Text) || !_stop.Contains(tokens[k].Norm));

    private static bool RunsOnIntoName(Token[] tokens, int end)
    {
        if (end >= tokens.Length || tokens[end].Text is not ("for" or "of")) return false;
        var next = end + 1 < tokens.Length && tokens[end + 1].Text == "the" ? end + 2 : end + 1;
        return next < tokens.Length && tokens[next].IsWord && tokens[next].IsCapitalized && !IsCalendarWord(tokens[next].Norm);
    }

    private static bool IsPossessive(string word) => word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal);

    private static int PortfolioListEnd(Token[] tokens, int end)
    {
        var k = end;
        while (k + 1 < tokens.Length && tokens[k].Text == ",")
        {
            var run = k + 1;
            while (run < tokens.Length && tokens[run].IsWord && tokens[run].IsCapitalized && !IsCalendarWord(tokens[run].Norm)) run++;
            if (run == k + 1) return end;
            k = run;
        }
        if (k == end || k + 1 >= tokens.Length || !tokens[k].Is("and")) return end;
        var last = k + 1;
        while (last < tokens.Length && tokens[last].IsWord && tokens[last].IsCapitalized && !IsCalendarWord(tokens[last].Norm)) last++;
        // The list must close the name: "…, Maritime Affairs and Communications later said", not "…, Human Rights Watch said".
        return last > k + 1 && (last >= tokens.Length || !tokens[last].IsCapitalized) ? last : end;
    }

    private static bool IsAdjectiveInName(string word) => word is "Islamic" or "National" or "International" or "State" or "Democratic" or "Central" or "Supreme" or "Human" or "Rights" or "Freedom" or "Global" or "European" or "Republic";

    /// <summary>
    /// "the Tajik government", "Tajikistan's Supreme Court", "the government of Tajikistan" → a government body of that
    /// country. A body with a proper name ("Tajikistan's Supreme Court", "the Tajik Supreme Court") is named without the
    /// country prefix, so that it is one actor with the plain "Supreme Court" of the same article; NameStart says where
    /// the name begins.
    /// </summary>
    private IEnumerable<(int Start, int End, int NameStart, ActorKind Kind, CountryCode Country)> FindGovernmentBodies(Token[] tokens, List<GazetteerMatch> matches)
    {
        foreach (var m in matches.Where(m => m.Entry.Type is EntryType.Demonym or EntryType.Country))
        {
            // "Russia's Supreme Court": the possessive is its own token after the country.
            var at = m.TokenEnd < tokens.Length && tokens[m.TokenEnd].Text is "'s" or "’s" ? m.TokenEnd + 1 : m.TokenEnd;
            foreach (var phrase in BodyPhrases())
            {
                if (MatchesAt(tokens, at, phrase))
                {
                    var proper = tokens[at].IsCapitalized;
                    yield return (m.TokenStart, at + phrase.Length, proper ? at : m.TokenStart, ActorKind.GovernmentBody, m.Entry.Country!.Value);
                    break;
                }
            }
        }
    }

    private IEnumerable<string[]> BodyPhrases() =>
        _governmentBodies.Phrases.Concat(_governmentBodies.Words.Select(w => new[] { w })).OrderByDescending(p => p.Length);

    private static bool MatchesAt(Token[] tokens, int i, string[] phrase)
    {
        if (i + phrase.Length > tokens.Length) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (!string.Equals(tokens[i + k].Norm, phrase[k], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>Levels of government below (or beside) a country's: "the state government of Baja California".</summary>
    private static readonly HashSet<string> GovernmentLevels = new(StringComparer.Ordinal) { "state", "provincial", "regional", "municipal", "city", "county", "federal" };

    /// <summary>"the state government of Baja California", "the provincial government of Sindh": a body named in lower case before its region.</summary>
    private static IEnumerable<(int Start, int End)> FindRegionalGovernments(Token[] tokens)
    {
        for (var i = 0; i + 3 < tokens.Length; i++)
        {
            if (!GovernmentLevels.Contains(tokens[i].Text) || tokens[i + 1].Text != "government" || tokens[i + 2].Text != "of") continue;
            var end = i + 3;
            while (end < tokens.Length && end - i < 8 && tokens[end].IsWord && tokens[end].IsCapitalized && !IsCalendarWord(tokens[end].Norm)) end++;
            if (end == i + 3) continue;
            yield return (i, end);
            i = end;
        }
    }

    private static readonly HashSet<string> NameHonorifics = new(StringComparer.Ordinal) { "Sheikh", "Sheikha", "Maulana", "Mullah", "Ayatollah", "Imam", "Mufti" };

    private IEnumerable<(int Start, int End)> FindPeople(Token[] tokens, bool[] covered)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (covered[i] || !IsNameToken(tokens[i])) continue;
            if (InPortfolio(tokens, i)) continue;
            var end = i;
            while (end < tokens.Length && end - i < 5 && !covered[end]
                   && (IsNameToken(tokens[end]) || end > i && IsParticle(tokens[end]) && end + 1 <= tokens.Length || end > i && IsSurnameLikeRole(tokens, end)
                       || end > i && IsGivenNameInside(tokens, end))) end++;
            while (end > i + 1 && IsParticle(tokens[end - 1]) && !tokens[end - 1].Text.Contains('-')) end--;
            var length = end - i;
            // "Home Affairs Minister Hamad Masauni": capitalized words before a title and a name are the office, not a person.
            if (end + 1 < tokens.Length && (_titles.Contains(tokens[end].Text) || _roles.Contains(tokens[end].Text.ToLowerInvariant())) && tokens[end].IsCapitalized
                && IsNameToken(tokens[end + 1])) { i = end - 1; continue; }
            var titled = i > 0 && (_titles.Contains(tokens[i - 1].Text) || _roles.Contains(tokens[i - 1].Text));
            // One word is a name only with a title ("Mr. Macron") or as the speaker of a quote ("…,” Thanathorn told).
            // "Addressing the delegates on Sunday, Kharge said": one word after an opening phrase, as the subject of a speech verb.
            var quotedSpeaker = length == 1 && i >= 1 && (tokens[i - 1].Text is "”" or "\"" || tokens[i - 1].Text == "," || i >= 2 && tokens[i - 1].Text == "," && tokens[i - 2].Text is "”" or "\"")
                                && end < tokens.Length && _speech.Contains(tokens[end].Text) && !tokens[i].Text.EndsWith('s');
            if ((length >= 2 || titled && tokens[i - 1].Text.EndsWith('.') || quotedSpeaker) && HasPersonEvidence(tokens, i, end))
                yield return (i, end);
            // "Prime Minister Sheikh Hasina", "Ayatollah Khamenei": an honorific before a single name is how the person is
            // called, and part of the name.
            else if (length == 1 && i > 0 && NameHonorifics.Contains(tokens[i - 1].Text) && !covered[i - 1] && !tokens[i].Text.EndsWith('s'))
                yield return (i - 1, end);
            i = end - 1;
        }
    }

    private bool IsPartOfPersonName(Token[] tokens, GazetteerMatch city, List<GazetteerMatch> matches)
    {
        bool Free(int k) => k >= 0 && k < tokens.Length && IsNameToken(tokens[k]) && !matches.Any(m => m != city && k >= m.TokenStart && k < m.TokenEnd);
        // Both words in capitals ("MANAGUA") is a dateline, never a name.
        if (!tokens[city.TokenStart].IsCapitalized || tokens[city.TokenStart].Text.All(c => !char.IsLetter(c) || char.IsUpper(c))) return false;
        int start = city.TokenStart, end = city.TokenEnd;
        while (start > 0 && city.TokenStart - start < 2 && Free(start - 1)) start--;
        while (end - city.TokenEnd < 2 && Free(end)) end++;
        return end - start >= 2 && HasPersonEvidence(tokens, start, end);
    }

    // "Minister of Foreign Affairs Ana Vargas": a portfolio word after "Title of (the)" and the portfolio words before it.
    private bool InPortfolio(Token[] tokens, int i)
    {
        if (!_portfolios.Contains(tokens[i].Text)) return false;
        var k = i - 1;
        while (k >= 0 && _portfolios.Contains(tokens[k].Text)) k--;
        if (k >= 0 && tokens[k].Text == "the") k--;
        return k >= 1 && tokens[k].Text == "of" && tokens[k - 1].IsCapitalized
               && (_titles.Contains(tokens[k - 1].Text) || _roles.Contains(tokens[k - 1].Text.ToLowerInvariant()));
    }

    // "Mehbooba Mufti", "Ahmed Sheikh": a word that is also a role noun, capitalized after a first name, ends a name
    // (but not before another capitalized word: "Kabiri Leader of …" does not occur, "Mufti and" does).
    private bool IsSurnameLikeRole(Token[] tokens, int k) =>
        tokens[k].IsWord && tokens[k].IsCapitalized && _roles.Contains(tokens[k].Text.ToLowerInvariant()) && !_titles.Contains(tokens[k].Text)
        && !_orgHeads.ContainsKey(tokens[k].Norm) && (k + 1 >= tokens.Length || !tokens[k + 1].IsCapitalized);

    // "Roch Marc Christian Kaboré": a given name that is also a stop word ("Christian") between two words of a name.
    private bool IsGivenNameInside(Token[] tokens, int k) =>
        _givenNames.Contains(tokens[k].Text) && k > 0 && IsNameToken(tokens[k - 1]) && k + 1 < tokens.Length && IsNameToken(tokens[k + 1]);

    private bool HasPersonEvidence(Token[] tokens, int start, int end)
    {
        Token? Prev(int k) => start - k >= 0 ? tokens[start - k] : null;
        Token? Next(int k) => end + k - 1 < tokens.Length ? tokens[end + k - 1] : null;

        if (Next(1) is { } n1 && _speech.Contains(n1.Text)) return true;                                   // "Safarov said"
        if (Next(1) is { Text: "," } && Next(2) is { } n2 && (_roles.Contains(n2.Text) || n2.Text is "the" or "a" or "an" or "who" or "deputy" || n2.IsNumber))
            return true;                                                                                 // "X, Director of …"
        if (Prev(1) is { } p1 && (_roles.Contains(p1.Text) || _roles.Contains(p1.Text.TrimEnd('s')) || _titles.Contains(p1.Text))) return true;   // "leader Muhiddin Kabiri"
        if (Prev(1) is { } p && _speech.Contains(p.Text) && (Next(1) is null || Next(1)!.Value.Text is "," or "." or "”")) return true; // "said Kabiri."
        if (Prev(2) is { Text: "according" or "According" } && Prev(1) is { Text: "to" }) return true;
        if (Prev(1) is { Text: "”" or "\"" } || Prev(1) is { Text: "," } && Prev(2) is { Text: "”" or "\"" }) return true;   // “…,” Kabiri said
        if (Next(1) is { Text: "," })
        {
            // "Anton Kirillov, one of the lawyers who represented the foundation, told reporters"
            for (var k = end + 1; k < tokens.Length - 1 && k < end + 25; k++)
                if (tokens[k].Text == "," && _speech.Contains(tokens[k + 1].Text)) return true;
        }
        if (Prev(1) is { Text: "," })
        {
            // "The deputy director of the Institute of Economics, Karim Aliev, …"
            for (var k = 2; k <= 10 && start - k >= 0; k++)
                if (_roles.Contains(tokens[start - k].Text)) return true;
        }
        return false;
    }

    /// <summary>The role an apposition or a preceding title gives a person, and the country it implies.</summary>
    private void LearnRole(Token[] tokens, ActorMention person, List<ActorMention> actors, List<PlaceMention> places)
    {
        var actor = person.Actor;
        int roleStart = -1, roleEnd = -1;
        if (person.TokenEnd + 1 < tokens.Length && tokens[person.TokenEnd].Text == "," && _roles.Contains(tokens[person.TokenEnd + 1].Text.ToLowerInvariant())
            || person.TokenEnd + 2 < tokens.Length && tokens[person.TokenEnd].Text == "," && tokens[person.TokenEnd + 1].Text is "the" or "a" or "an" && _roles.Contains(tokens[person.TokenEnd + 2].Text.ToLowerInvariant()))
        {
            roleStart = person.TokenEnd + 1;
            roleEnd = roleStart;
            while (roleEnd < tokens.Length && tokens[roleEnd].Text is not ("," or ";" or "." or "”" or "“") && !_speech.Contains(tokens[roleEnd].Text)) roleEnd++;
        }
        else if (person.TokenStart >= 2 && tokens[person.TokenStart - 1].Text == ",")
        {
            var k = person.TokenStart - 2;
            var stop = Math.Max(0, person.TokenStart - 14);
            while (k > stop && tokens[k - 1].Text is not ("," or "." or "“" or "”")) k--;
            var segment = Enumerable.Range(k, person.TokenStart - 1 - k);
            var roleAt = segment.FirstOrDefault(j => _roles.Contains(tokens[j].Text.ToLowerInvariant()), -1);
            if (roleAt >= 0)
            {
                roleStart = roleAt > k && tokens[roleAt - 1].Text is "deputy" or "vice" or "former" ? roleAt - 1 : roleAt;
                roleEnd = person.TokenStart - 1;
            }
        }
        else if (person.TokenStart >= 1 && _roles.Contains(tokens[person.TokenStart - 1].Text.ToLowerInvariant()))
        {
            roleEnd = person.TokenStart;
            roleStart = person.TokenStart - 1;
            // Take the organization or nationality before the role noun too: "IRPT leader", "Tajik opposition leader".
            while (roleStart > 0 && person.TokenStart - roleStart < 4 && (tokens[roleStart - 1].IsCapitalized || tokens[roleStart - 1].Text is "opposition" or "deputy" or "former" or "party")
                   && tokens[roleStart - 1].IsWord && !_stop.Contains(tokens[roleStart - 1].Text)) roleStart--;
        }
        // "Burkina Faso's Roch Marc Christian Kaboré": a country's possessive right before a name says whose the person is.
        if (actor.Country is null && !actor.Known
            && places.FirstOrDefault(p => !p.IsDemonym && (p.TokenEnd == person.TokenStart && IsPossessive(tokens[p.TokenEnd - 1].Text)
                                                         || p.TokenEnd == person.TokenStart - 1 && tokens[p.TokenEnd].Text is "'s" or "’s")) is { Entry: not null } owner)
            actor.Country = owner.Country;
        if (roleStart < 0 || roleEnd <= roleStart) return;
        if (actor.Role is null && roleEnd - roleStart <= 20)
            actor.Role = Join(tokens, roleStart, roleEnd);
        if (actor.Country is null)
        {
            var country = places.Where(p => p.TokenStart >= roleStart && p.TokenEnd <= roleEnd && !(p.TokenStart > 0 && tokens[p.TokenStart - 1].Is("in")))
                              .Select(p => (CountryCode?)p.Country).FirstOrDefault()
                ?? actors.Where(a => a.TokenStart >= roleStart && a.TokenEnd <= roleEnd && a.Actor != actor).Select(a => a.Actor.Country).FirstOrDefault(c => c is not null);
            actor.Country = country;
        }
    }

    // Only a place inside a name says where it is from ("Democratic Choice of Kazakhstan"); an actor's name inside a longer
    // one does not ("Erk Democratic Party" is not the US "Democratic Party").
    private static CountryCode? CountryWithin(List<GazetteerMatch> matches, int start, int end) =>
        matches.Where(m => m.TokenStart >= start && m.TokenEnd <= end && m.Entry.Country is not null && m.Entry.Type != EntryType.Actor).Select(m => m.Entry.Country).FirstOrDefault();

    /// <summary>The original text of a token range (keeps the article's own spacing and punctuation).</summary>
    public static string Join(Token[] tokens, int start, int end)
    {
        var parts = new System.Text.StringBuilder();
        for (var k = start; k < end; k++)
        {
            if (k > start && tokens[k].Start > tokens[k - 1].End) parts.Append(' ');
            parts.Append(k == end - 1 ? tokens[k].Norm : tokens[k].Text);
        }
        return parts.ToString();
    }

    /// <summary>
    /// The token of a dateline's agency or outlet code ("MEXICO CITY, March 11 (GW) —"): the reporter's own
    /// signature, never an actor of the story, even when another body is known by the same letters.
    /// </summary>
    private static int? DatelineAgency(IReadOnlyList<Token> tokens)
    {
        for (var i = 1; i + 2 < tokens.Count && i < 16; i++)
        {
            if (tokens[i - 1].Text != "(" || tokens[i + 1].Text != ")") continue;
            var code = tokens[i].Text;
            if (code.Length is < 2 or > 6 || !code.All(char.IsUpper)) continue;
            for (var k = i + 2; k < tokens.Count && k < i + 4; k++)
                if (tokens[k].Text is "—" or "–" or "-") return i;
        }
        return null;
    }
}
