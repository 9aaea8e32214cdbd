using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Rules;

namespace Timeline.Ingestion.Extraction;

/// <summary>
/// ConferenceHeld: a meeting noun ("conference", "summit", "online event") with a verb saying it happened ("took place",
/// "hosted", "convened", "participated") and a date, not planned, cancelled or hypothetical. Attendance comes from any
/// sentence that refers back to the meeting; a figure in a planned clause ("supposed to bring together 300") is the
/// expected attendance, not the attendance.
/// </summary>
public sealed partial class ConferenceRules(Lexicon lexicon)
{
    private readonly WordSet _nouns = lexicon["conference-nouns"];
    private readonly WordSet _verbs = lexicon["conference-verbs"];
    private readonly WordSet _negationButWithout = new(
        lexicon["negation-cues"].Words.Where(w => !w.Equals("without", StringComparison.OrdinalIgnoreCase))
            .Concat(lexicon["negation-cues"].Phrases.Select(p => string.Join('_', p))), caseSensitive: false, splitWords: true);
    private readonly WordSet _irrealis = lexicon["irrealis-cues"];
    private readonly WordSet _venueHeads = lexicon["venue-heads"];
    private readonly WordSet _online = lexicon["online-cues"];
    private readonly WordSet _attendees = lexicon["attendance-nouns"];
    private readonly WordSet _speech = lexicon["speech-verbs"];
    private readonly WordSet _partyNouns = lexicon["party-nouns"];
    private readonly WordSet _closingVerbs = lexicon["conference-closing-verbs"];
    private readonly WordSet _bodies = lexicon["meeting-bodies"];
    private readonly WordSet _within = lexicon["meeting-within-modifiers"];
    private readonly WordSet _decisions = lexicon["conference-decision-verbs"];
    private readonly WordSet _meetingPeople = lexicon["meeting-people"];
    private readonly WordSet _joining = lexicon["conference-joining-verbs"];
    private readonly WordSet _gathering = lexicon["conference-gathering-verbs"];
    private readonly WordSet _generic = lexicon["generic-meeting-nouns"];
    private static readonly ActorKind[] Hosts = [ActorKind.Organization, ActorKind.Party, ActorKind.GovernmentBody, ActorKind.Person, ActorKind.Media];

    // The purpose is the clause the cue opens, up to the next comma, semicolon, bracket or quote: "held on August 8-9 to
    // mark two years since the vote, brought together 400 delegates" has the purpose "to mark two years since the vote".
    [GeneratedRegex(@"\b(?<p>(?:marking|to\s+mark|marked|to\s+discuss|discussing|devoted\s+to|dedicated\s+to|aimed\s+at|on\s+the\s+theme\s+of|to\s+commemorate|commemorating)\s+[^.,;:()“”""]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    public void Apply(ArticleContext article)
    {
        foreach (var view in article.Views)
        {
            // A press or news conference is where someone made a statement, not a meeting of its own.
            // "The Zimbabwe Congress of Trade Unions called a strike": a meeting word heading an organisation's name (more of
            // the name follows it) is no meeting; "the HDP's Party Assembly met" ends in it, and that body meets.
            var nouns = view.Find(_nouns).Where(n => n.Index == 0 || !(view.Tokens[n.Index - 1].Is("press") || view.Tokens[n.Index - 1].Is("news")))
                .Where(n => !view.Actors.Any(a => !a.IsPronoun && a.TokenStart <= n.Index && n.Index < a.TokenEnd - 1 && a.Actor.Kind is not ActorKind.Person))
                // "outside the city's Congress Hall", "the Accra International Conference Centre": a meeting word before a
                // building's last word names the building, not a meeting held in it.
                .Where(n => !IsBuildingName(view, n.Index)).ToList();
            var verbs = view.Find(_verbs).ToList();
            verbs.AddRange(MeetingObjectVerbs(view));
            // "The World Uyghur Congress held a protest", "the Free Uzbekistan Forum organised …": a group named for a meeting,
            // as the subject that holds or organises something, is no meeting ("Kazakhstan hosted the Astana International
            // Forum" is one: there the name is what was hosted; "the Party Assembly met" is the body meeting).
            nouns.RemoveAll(n => view.Actors.Any(a => !a.IsPronoun && a.TokenEnd - 1 == n.Index && a.TokenStart < n.Index && a.Actor.Kind is not ActorKind.Person
                && verbs.Any(v => v.Index >= a.TokenEnd && v.Index - a.TokenEnd <= 4 && !IntransitiveMeetingVerbs.Contains(view.Tokens[v.Index].Text) && !Enumerable.Range(a.TokenEnd, v.Index - a.TokenEnd).Any(k => view.Tokens[k].Text is "," && !view.Bracketed[k]))));
            var bodies = BodyMeetings(article, view);
            nouns.AddRange(bodies.Select(b => (b.Noun, 1)));
            if (nouns.Count == 0) continue;
            // "The party's congress in Accra on Saturday elected …", "At its congress on Saturday, the party chose …": a
            // decision taken at a meeting says it was held. Not for a meeting word in a name ("the National Assembly voted").
            var plainNouns = nouns.Where(n => !view.Actors.Any(a => !a.IsPronoun && a.TokenStart <= n.Index && n.Index < a.TokenEnd)).ToList();
            var decisions = plainNouns.Count > 0 ? view.Find(_decisions).ToList() : [];
            if (verbs.Count == 0 && decisions.Count == 0) continue;
            var pairs = verbs.SelectMany(v => nouns.Select(n => (Verb: v.Index, Noun: n.Index, Decided: false)))
                .Concat(decisions.SelectMany(v => plainNouns.Select(n => (Verb: v.Index, Noun: n.Index, Decided: true)))).ToList();
            var (verb, noun, decided) = pairs.MinBy(p => Math.Abs(p.Verb - p.Noun));
            var saidOf = -1;
            // "was removed as leader on Sunday at an extraordinary congress that his supporters say was staged": a meeting verb
            // in what others say of the meeting is their view of it; the decision taken at it says it was held.
            if (!decided && verb > noun && view.Find(_speech).Select(s => s.Index).FirstOrDefault(s => s > noun && s < verb, -1) is var said and >= 0
                && pairs.Where(p => p.Decided && p.Verb < p.Noun && IsAtMeeting(view, p.Noun)).Select(p => (int?)p.Verb).FirstOrDefault() is { } atVerb)
            {
                (verb, noun, decided) = pairs.First(p => p.Decided && p.Verb == atVerb);
                saidOf = said;
            }
            if (Math.Abs(verb - noun) > 22) continue;
            if (IsIrrealis(view, verb) || IsIrrealis(view, noun)) continue;
            var date = view.DateFor(verb);
            // "Ministers of four states met in Amman on Monday. The meeting, hosted by X, agreed …": an undated "the meeting"
            // right after a dated gathering is that gathering, on its day and at its place.
            var metBefore = date?.Date is null ? MetJustBefore(article, view, noun) : null;
            if (metBefore is not null) date = metBefore.Value.Date;
            if (date?.Date is null) continue;
            // "who was elected at the 2015 congress" is background; a decision dates a meeting only to the day of the news.
            if (decided && date.Date.Precision != DatePrecision.Day) continue;
            // The meeting decides or is where it was decided ("at its congress"); "voted to hold a congress" is its object.
            if (decided && noun > verb && !IsAtMeeting(view, noun)) continue;
            // "On July 10, X condemned those who attended the conference": the date belongs to the nearer main verb.
            var dateAt = metBefore is null ? view.TokenAt(date.Start) : verb;
            // "Addressing the summit on Tuesday, X said": a date inside the participle's own clause is the meeting's.
            if (metBefore is null && !InOpeningParticiple(view, verb, dateAt) && view.Find(_speech).Any(s => s.Index != saidOf && Math.Abs(s.Index - dateAt) < Math.Abs(verb - dateAt))) continue;
            // "the Dortmund conference" naming a meeting already extracted is a reference back to it, not a new one.
            if (noun > 0 && article.Conferences.Any(c => c.Handles.Contains(view.Tokens[noun - 1].Norm) && !c.Date.Overlaps(date.Date))) continue;
            if (article.Publication.Day is { } pub && date.Date.LowerBound > pub) continue;   // still to come
            var occurred = FirstDayOf(view, noun, date);

            // "ACCRA — The party wrapped up its congress in Kumasi": the venue, not the city the report was filed from.
            var cities = view.Places.Where(p => p.IsCity && !view.Quoted[p.TokenStart] && !view.Bracketed[p.TokenStart] && !IsJoinedFrom(view, p.TokenStart)).ToList();
            // "former Nakuru governor … ended in Nairobi": a city after "in" or "at" is where it met, before a city as modifier.
            var place = cities.FirstOrDefault(p => !view.InDateline(p.TokenStart) && p.TokenStart > 0 && view.Tokens[p.TokenStart - 1].Text is "in" or "at");
            if (place.Entry is null) place = cities.FirstOrDefault(p => !view.InDateline(p.TokenStart));
            if (place.Entry is null) place = cities.FirstOrDefault();
            if (place.Entry is null && metBefore is { } met)
                place = met.View.Places.FirstOrDefault(p => p.IsCity && !met.View.Quoted[p.TokenStart] && !met.View.InDateline(p.TokenStart));
            // "The banquet hall in Zeytinburnu, a district of Istanbul, … . In mid-October it hosted …": "it" is the venue just named.
            if (place.Entry is null && VenueIsPronoun(view, verbs.Select(v => v.Index))
                && article.BeforeInParagraph(view) is { } before)
                place = before.Places.Where(p => p.IsCity && !before.Quoted[p.TokenStart]).LastOrDefault();
            var body = bodies.FirstOrDefault(b => b.Noun == noun);
            var organizer = body.Owner
                            ?? verbs.Select(v => OrganizerOf(view, v.Index)).FirstOrDefault(o => o is not null)
                            ?? OpenerOfItsOwn(view, verb, noun)
                            ?? HostCountry(article, view, verbs.Select(v => v.Index));
            var online = view.Has(_online);
            // "The party … at its congress", "held its founding congress": the party last named, or the one named right after.
            organizer ??= OwnerOf(article, view, noun);
            // "the United Nations climate conference", "the OSCE's annual human rights conference": the organisation that names it.
            organizer ??= ModifierOrganizer(view, noun);
            // "the founding congress of an Uzbek opposition movement, Ozod Vatan": the group a meeting is "of".
            // "The assembly of the 1Sambayan coalition ran from Thursday": likewise when the meeting noun takes "of".
            organizer ??= IsPronounVenue(view, verb) || noun + 1 < view.Tokens.Length && view.Tokens[noun + 1].Is("of") ? NamedInOf(article, view) : null;
            if (organizer is not null && IsVenue(organizer)) organizer = null;
            // "for the Free Land Camp, an annual assembly": a name that the meeting noun describes is the meeting, not a guest.
            var meetingNames = view.Actors.Where(a => !a.IsPronoun && MeetingInApposition(view, nouns.Select(n => n.Item1).ToList(), a.TokenStart, a.TokenEnd)).Select(a => a.Actor).ToList();
            var participants = view.Actors.Where(a => !a.IsPronoun && a.Actor != organizer && !IsVenue(a.Actor) && a.Actor.Kind is not ActorKind.Media and not ActorKind.Country && !view.Quoted[a.TokenStart])
                .Select(a => a.Actor).Distinct().Where(a => !meetingNames.Contains(a)).ToList();
            // "a summit hosted by Malawi": a host state names none of those who came; the next sentences may.
            if ((organizer is null || organizer.Kind == ActorKind.Country) && participants.Count == 0)
            {
                // "Several hundred exiles met in Vilnius …. The conference, organised by X, …": the next sentences about the meeting name who.
                foreach (var next in article.Views.Skip(view.Index + 1).Take(2).Where(v => v.Has(_nouns, includeQuoted: false)))
                {
                    // "The round table, convened by the Centre for Free Elections (CeSID), lasted five hours": the agent of the
                    // next sentence's "organised by" or "convened over Zoom by" organised it.
                    var agent = next.Find(_verbs).Select(v => AgentOf(next, v.Index)).FirstOrDefault(o => o is not null && !IsVenue(o));
                    if (agent is not null)
                    {
                        organizer = agent;
                        break;
                    }
                    participants.AddRange(next.Actors.Where(a => !a.IsPronoun && !IsVenue(a.Actor) && a.Actor.Kind is ActorKind.Person or ActorKind.Party or ActorKind.Organization && !next.Quoted[a.TokenStart])
                        .Select(a => a.Actor).Distinct());
                    if (participants.Count > 0) break;
                }
            }
            var within = place.Entry is null ? HeldAlongside(article, view, noun, occurred) : null;
            var country = place.Entry is not null ? place.Country
                : within?.Country
                  // "a summit hosted by Ghana": a host state is where it met, before any other country the sentence names.
                  ?? (organizer is { Kind: ActorKind.Country } ? organizer.Country : null)
                  ?? CapitalOf(view)
                  ?? view.Places.Where(p => !p.IsDemonym && !IsJoinedFrom(view, p.TokenStart)).Select(p => (Timeline.Domain.Countries.CountryCode?)p.Country).FirstOrDefault()
                  ?? organizer?.Country ?? participants.Select(p => p.Country).FirstOrDefault(c => c is not null) ?? article.MainCountry;
            if (country is null) continue;
            var nounText = view.Tokens[noun].Text.ToLowerInvariant();
            var ownName = (body.Owner is not null ? $"{body.Name} of {body.Owner.Name}" : null)
                ?? meetingNames.Select(m => m.Name).FirstOrDefault()
                ?? NameOf(view, noun) ?? QuotedNameOf(view, noun) ?? AppositionNameOf(view, noun);
            var name = ownName
                ?? (within is not null ? $"{view.Tokens[noun - 1].Text.ToLowerInvariant()} {nounText} at {within.Name}"
                : online && organizer is not null ? $"online {nounText} hosted by {organizer.Name}"
                : place.Entry is not null ? $"{nounText} in {place.Entry.Name}"
                : organizer is not null ? $"{nounText} hosted by {organizer.Name}" : (online ? "online " : "") + nounText);

            var existing = article.Conferences.FirstOrDefault(c => c.Date.Overlaps(occurred) && (c.Place == place.Entry?.Name && place.Entry is not null || c.Organizer == organizer && organizer is not null))
                           ?? ReferredBack(article, view, noun)
                           ?? GenericReferredBack(article, view, noun, occurred)
                           ?? OpeningOfTheOne(article, view, verb, country.Value, occurred)
                           ?? Retold(article, nounText, occurred, place.Entry?.Name, organizer);
            var draft = existing ?? new ConferenceDraft
            {
                Name = name,
                HasOwnName = ownName is not null,
                Noun = nounText,
                Date = occurred,
                Country = country.Value,
                Evidence = view,
                Confidence = 0.85 * date.Confidence,
            };
            if (existing is null) article.Conferences.Add(draft);
            else if (StartsEarlier(existing.Date, occurred)) existing.Date = occurred;
            // "Belarusian democratic forces ended a two-day conference in Vilnius … The "New Belarus" conference, held on
            // August 8-9, …": the name told later replaces the one made up from the noun and the place.
            if (existing is { HasOwnName: false } && ownName is not null)
            {
                existing.Name = ownName;
                existing.HasOwnName = true;
            }
            draft.Place ??= within?.Place;
            foreach (var (closing, _) in Closings(view))
                if (view.DateFor(closing) is { Date: { Precision: DatePrecision.Day } last }) draft.LastDay ??= last;
            draft.Place ??= place.Entry?.Name;
            draft.Organizer ??= organizer;
            if (organizer is not null) draft.AddActor(organizer, view.Tokens[verb].Text.StartsWith("host", StringComparison.OrdinalIgnoreCase) ? ActorRole.Host : ActorRole.Organizer);
            foreach (var p in participants) draft.AddActor(p, ActorRole.Participant);
            if (online) draft.Format = MeetingFormat.Online;
            else if (draft.Format == MeetingFormat.Unknown && place.Entry is not null) draft.Format = MeetingFormat.InPerson;
            draft.Purpose ??= PurposePattern().Match(view.Sentence.Text) is { Success: true } pm ? pm.Groups["p"].Value.Trim() : null;
            if (place.Entry is not null) draft.Handles.Add(place.Entry.Name);
            foreach (var p in view.Places) draft.Handles.Add(view.Tokens[p.TokenStart].Norm);
            if (organizer is not null) foreach (var alias in organizer.Aliases) draft.Handles.Add(alias);
            foreach (var word in name.Split(' ')) if (word.Length > 3 && char.IsUpper(word[0])) draft.Handles.Add(word);
            // A meeting abroad (the venue is not the participants' country) is CAMEO 044, "meet at a third location".
            // Judged on everyone the article's mentions of it name, so a later mention without guests keeps it.
            draft.Mentions.Add(view);
            draft.Cameo = draft.Actors.Any(a => a.Role == ActorRole.Participant && a.Actor.Country is { } c && c != draft.Country)
                          && draft.Organizer?.Country != draft.Country ? "044" : ConferenceHeld.DefaultCameo;
        }
        DelegatesDecided(article);
        foreach (var draft in article.Conferences) FindAttendance(article, draft);
        // One meeting in the article: "The United Nations climate conference … ended on Sunday" names the organiser of
        // "The COP27 summit, which opened on November 6" even when that sentence does not.
        if (article.Conferences is [{ Organizer: null } only])
        {
            foreach (var view in article.Views)
            {
                var organizer = view.Find(_nouns).Where(n => !IsIrrealis(view, n.Index)).Select(n => ModifierOrganizer(view, n.Index)).FirstOrDefault(o => o is not null);
                if (organizer is null) continue;
                only.Organizer = organizer;
                only.Actors.RemoveAll(a => a.Actor == organizer);
                only.AddActor(organizer, ActorRole.Organizer);
                break;
            }
        }
    }

    /// <summary>
    /// "Delegates of the Federation of Argentine Teachers voted on Saturday for a strike" under a headline about the
    /// federation's congress: delegates deciding together, on a day, are the meeting that the headline or the article names
    /// without saying when. Only a party's or organisation's delegates, and only when no meeting of that day is extracted.
    /// </summary>
    private void DelegatesDecided(ArticleContext article)
    {
        var noun = MeetingNounNamed(article);
        if (noun is null) return;
        foreach (var view in article.Views)
        {
            var tokens = view.Tokens;
            for (var d = 0; d < tokens.Length; d++)
            {
                if (!tokens[d].Is("delegates") || view.Quoted[d]) continue;
                ArticleActor? owner = null;
                var next = d + 1;
                if (next < tokens.Length && tokens[next].Is("of"))
                {
                    var i = next + 1 < tokens.Length && tokens[next + 1].Is("the") ? next + 2 : next + 1;
                    var of = view.Actors.FirstOrDefault(a => a.TokenStart == i && !a.IsPronoun);
                    owner = of.Actor;
                    next = of.Actor is null ? next : of.TokenEnd;
                    if (next < tokens.Length && tokens[next].Text == "(")
                        while (next < tokens.Length && tokens[next].Text != ")") next++;
                    if (next < tokens.Length && tokens[next].Text == ")") next++;
                }
                else if (view.Actors.FirstOrDefault(a => a.TokenEnd == d && !a.IsPronoun) is { Actor: { } before }) owner = before;
                if (owner is not { Kind: ActorKind.Party or ActorKind.Organization }) continue;
                if (next >= tokens.Length || !_decisions.Contains(tokens[next].Text) || IsIrrealis(view, next)) continue;
                var date = view.DateFor(next);
                if (date?.Date is not { Precision: DatePrecision.Day } day) continue;
                if (article.Publication.Day is { } pub && day.LowerBound > pub) continue;
                // The meeting already told that day or in this very sentence ("… on Sunday, at the close of a three-day
                // congress", dated by its first day).
                if (article.Conferences.Any(c => c.Evidence == view || c.Date.Overlaps(day))) return;
                var place = view.Places.FirstOrDefault(p => p.IsCity && !view.Quoted[p.TokenStart]);
                var country = place.Entry is not null ? place.Country : owner.Country ?? ArticleContext.FirstCountryNamed(view) ?? article.MainCountry;
                if (country is null) continue;
                var draft = new ConferenceDraft
                {
                    Name = $"{noun} of {owner.Name}",
                    Noun = noun,
                    Date = day,
                    Country = country.Value,
                    Evidence = view,
                    Confidence = 0.7 * date.Confidence,
                    Place = place.Entry?.Name,
                    Organizer = owner,
                    Format = place.Entry is not null ? MeetingFormat.InPerson : MeetingFormat.Unknown,
                };
                draft.AddActor(owner, ActorRole.Organizer);
                foreach (var alias in owner.Aliases) draft.Handles.Add(alias);
                article.Conferences.Add(draft);
                return;
            }
        }
    }

    // The meeting noun of the headline or of any sentence, outside names, quotes and press conferences: "congress".
    private string? MeetingNounNamed(ArticleContext article)
    {
        if (article.Title is { } title)
            foreach (var t in Timeline.Ingestion.Text.Tokenizer.Tokenize(title))
                if (t.IsWord && _nouns.Contains(t.Text) && !t.IsCapitalized) return t.Text.ToLowerInvariant();
        foreach (var view in article.Views)
            foreach (var (n, _) in view.Find(_nouns))
                if (!view.Tokens[n].IsCapitalized && (n == 0 || !(view.Tokens[n - 1].Is("press") || view.Tokens[n - 1].Is("news")))) return view.Tokens[n].Text.ToLowerInvariant();
        return null;
    }

    private bool IsBuildingName(SentenceView view, int noun) =>
        view.Tokens[noun].IsCapitalized && noun + 1 < view.Tokens.Length && view.Tokens[noun + 1].IsCapitalized && _venueHeads.Contains(view.Tokens[noun + 1].Text);

    // "with speakers joining from Manila, Cebu and Davao", "delegates from Kenya": a place in a list after "from" is where
    // people came from, not where the meeting was (an online forum is in its organiser's country).
    private static bool IsJoinedFrom(SentenceView view, int at)
    {
        var k = at - 1;
        while (k >= 0 && (view.Tokens[k].Text is "," or "and" || view.Tokens[k].IsCapitalized && view.Tokens[k].IsWord)) k--;
        return k >= 0 && view.Tokens[k].Is("from");
    }

    /// <summary>
    /// "a two-day congress that ended on Sunday", "wrapped up a three-day forum on Thursday": a meeting of so many days
    /// dated by its close began that many days, less one, before. Other dates are its first day already.
    /// </summary>
    private HistoricalDate FirstDayOf(SentenceView view, int noun, Dates.DateMention date)
    {
        if (date.Date is not { Precision: DatePrecision.Day } day) return date.Date!;
        if (!Closings(view).Any(c => view.DateFor(c.Index) is { } closed && closed.Start == date.Start)) return day;
        for (var k = noun - 1; k >= 0 && noun - k <= 3; k--)
            if (DaysOf(view.Tokens[k].Text) is > 1 and < 15 and var n) return HistoricalDate.OfDay(day.LowerBound.AddDays(1 - n));
        return day;
    }

    private static int? DaysOf(string word)
    {
        if (!word.EndsWith("-day", StringComparison.OrdinalIgnoreCase)) return null;
        var n = word[..^4].ToLowerInvariant();
        return n switch
        {
            "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7,
            _ => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null,
        };
    }

    // "at its congress", "at a two-day national congress": "at" before the meeting noun, past its determiner and modifiers.
    private static bool IsAtMeeting(SentenceView view, int noun)
    {
        for (var k = noun - 1; k >= 0 && noun - k <= 5; k--)
        {
            if (view.Tokens[k].Is("at")) return true;
            // "at the end of a general convention", "at the close of its congress".
            if (view.Tokens[k].Is("of") && k >= 3 && view.Tokens[k - 1].Text.ToLowerInvariant() is "end" or "close" or "conclusion" && view.Tokens[k - 2].Is("the") && view.Tokens[k - 3].Is("at")) return true;
            if (!view.Tokens[k].IsWord && !view.Tokens[k].IsNumber && view.Tokens[k].Text != "-" || view.Tokens[k].IsCapitalized && !Determiners.Contains(view.Tokens[k].Text)) return false;
        }
        return false;
    }

    // What a meeting does itself, rather than a group to it: "the Party Assembly met", "the Forum opened on Monday".
    private static readonly HashSet<string> IntransitiveMeetingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "met", "gathered", "convened", "convenes", "opened", "closed", "ended", "began", "ran", "concluded", "took", "wrapped", "kicked",
    };

    private static readonly HashSet<string> BodyMeetingVerbs = new(StringComparer.OrdinalIgnoreCase) { "met", "convened", "gathered" };

    /// <summary>
    /// "The national council of the Civic Dawn Party met", "The association's national council met", "its central
    /// committee met": a party's or an organisation's own body that met is a meeting of that party or organisation. A state
    /// body ("the Security Council met", part of a name) or a body of no named group ("the council of ministers met") is not.
    /// </summary>
    private List<(int Noun, ArticleActor? Owner, string Name)> BodyMeetings(ArticleContext article, SentenceView view)
    {
        var found = new List<(int, ArticleActor?, string)>();
        var tokens = view.Tokens;
        foreach (var (n, _) in view.Find(_bodies))
        {
            if (view.Actors.Any(a => !a.IsPronoun && a.TokenStart <= n && n < a.TokenEnd)) continue;
            // Lower-case modifiers before the body: "national", "central", "executive".
            var start = n;
            while (start > 0 && tokens[start - 1].IsWord && !tokens[start - 1].IsCapitalized && !Determiners.Contains(tokens[start - 1].Text)
                   && tokens[start - 1].Norm == tokens[start - 1].Text) start--;
            ArticleActor? owner = null;
            var after = n + 1;
            if (after < tokens.Length && tokens[after].Is("of"))
            {
                var i = after + 1;
                if (i < tokens.Length && tokens[i].Is("the")) i++;
                // "the governing council of the ruling Mongolian People's Party": past a lower-case modifier of the name (and a
                // demonym the name resolver left out of it).
                var modified = i + 1 < tokens.Length && tokens[i].IsWord && !tokens[i].IsCapitalized && tokens[i + 1].IsCapitalized;
                var of = view.Actors.FirstOrDefault(a => (a.TokenStart == i || modified && a.TokenStart > i && a.TokenStart <= i + 2) && !a.IsPronoun);
                if (of.Actor is not { Kind: ActorKind.Party or ActorKind.Organization }) continue;
                owner = of.Actor;
                after = of.TokenEnd;
            }
            else if (start > 0)
            {
                var p = start - 1;
                var t = tokens[p];
                if (t.Is("its") || t.Is("their"))
                    owner = article.LastMentioned(view.Index, p, ActorKind.Party, ActorKind.Organization);
                else if (t.Norm != t.Text)
                {
                    // "The Civic Dawn Party's national council", or "the party's" / "the association's" for the one named before.
                    var named = view.Actors.FirstOrDefault(a => a.TokenEnd == p + 1 && !a.IsPronoun);
                    if (named.Actor is not null)
                        owner = named.Actor.Kind is ActorKind.Party or ActorKind.Organization ? named.Actor : null;
                    else if (p > 0 && tokens[p - 1].Is("the") && _partyNouns.Contains(t.Norm))
                        owner = article.LastMentioned(view.Index, p, ActorKind.Party, ActorKind.Organization);
                }
            }
            if (owner is null || view.Quoted[n]) continue;
            // "The national council of the Civic Dawn Party (CDP) met": past a bracketed acronym.
            if (after < tokens.Length && tokens[after].Text == "(")
            {
                var close = after + 1;
                while (close < tokens.Length && tokens[close].Text != ")" && close - after < 6) close++;
                after = close + 1;
            }
            // "The party's council was convened on Wednesday": the passive says the same.
            if (after + 1 < tokens.Length && tokens[after].Text is "was" or "were" && tokens[after + 1].Is("convened")) after++;
            if (after >= tokens.Length || !BodyMeetingVerbs.Contains(tokens[after].Text)) continue;
            found.Add((n, owner, ActorResolver.Join(tokens, start, n + 1).ToLowerInvariant()));
        }
        // "Leaders of the BRICS group gathered in Johannesburg on Tuesday", "Ministers of the Arab League met on Sunday": a
        // group's members meeting, with no object (not "met the president"), are a meeting of that group.
        foreach (var (n, _) in view.Find(_meetingPeople))
        {
            // "Exiled PNDS leaders met online on Wednesday": the group named right before its members, the same meeting.
            if (n > 0 && view.Actors.FirstOrDefault(a => a.TokenEnd == n && !a.IsPronoun) is { Actor.Kind: ActorKind.Party or ActorKind.Organization } named
                && n + 2 < tokens.Length && BodyMeetingVerbs.Contains(tokens[n + 1].Text) && !view.Quoted[n]
                && tokens[n + 2].Text.ToLowerInvariant() is "in" or "on" or "at" or "for" or "behind" or "online" or "virtually")
            {
                found.Add((n, named.Actor, tokens[n].Text.ToLowerInvariant()));
                continue;
            }
            if (n + 2 >= tokens.Length || !tokens[n + 1].Is("of")) continue;
            var i = tokens[n + 2].Is("the") ? n + 3 : n + 2;
            var of = view.Actors.FirstOrDefault(a => a.TokenStart == i && !a.IsPronoun);
            if (of.Actor is not { Kind: ActorKind.Party or ActorKind.Organization })
            {
                // "Foreign ministers of Ghana, Togo and Benin met in Accra on Monday": members of two or more governments
                // meeting are a ministerial meeting or a summit, of no one group.
                var states = AfterCountryList(view, i);
                if (states < 0 || states + 1 >= tokens.Length || !BodyMeetingVerbs.Contains(tokens[states].Text)
                    || tokens[states + 1].Text.ToLowerInvariant() is not ("in" or "on" or "at" or "behind" or "online" or "virtually")) continue;
                found.Add((n, null, tokens[n].Text.ToLowerInvariant()));
                continue;
            }
            var after = of.TokenEnd;
            if (after < tokens.Length && _partyNouns.Contains(tokens[after].Text) && !tokens[after].IsCapitalized) after++;
            if (after < tokens.Length && tokens[after].Text == "(")
                while (after < tokens.Length && tokens[after].Text != ")") after++;
            if (after < tokens.Length && tokens[after].Text == ")") after++;
            if (after + 1 >= tokens.Length || !BodyMeetingVerbs.Contains(tokens[after].Text)
                || tokens[after + 1].Text.ToLowerInvariant() is not ("in" or "on" or "at" or "for" or "behind" or "online" or "virtually")) continue;
            found.Add((n, of.Actor, tokens[n].Text.ToLowerInvariant()));
        }
        return found;
    }

    // The token after a list of two or more countries starting at i ("Jordan, Saudi Arabia, Iraq and Egypt"), or -1.
    private static int AfterCountryList(SentenceView view, int i)
    {
        var count = 0;
        var k = i;
        while (view.Places.FirstOrDefault(p => p.TokenStart == k && !p.IsCity && !p.IsDemonym) is { Entry: not null } place)
        {
            count++;
            k = place.TokenEnd;
            if (k < view.Tokens.Length && (view.Tokens[k].Text == "," || view.Tokens[k].Is("and"))) k++;
            if (k < view.Tokens.Length && view.Tokens[k].Is("and")) k++;
        }
        if (count < 2) return -1;
        // The list ended at a separator only if no country followed it: back off over a dangling "," or "and".
        return view.Tokens[k - 1].Text == "," || view.Tokens[k - 1].Is("and") ? -1 : k;
    }

    /// <summary>
    /// "… ended a two-day conference in Vilnius on Tuesday. The "New Belarus" conference, held on August 8-9, brought
    /// together 400 delegates": the one meeting of the article called by the same noun on the same days, told again
    /// without a place or organiser of its own that would make it another.
    /// </summary>
    private static ConferenceDraft? Retold(ArticleContext article, string noun, HistoricalDate occurred, string? place, ArticleActor? organizer)
    {
        if (occurred.Precision != DatePrecision.Day) return null;
        var same = article.Conferences.Where(c => c.Noun.Equals(noun, StringComparison.OrdinalIgnoreCase) && c.Date.Precision == DatePrecision.Day
            && (c.Date.Overlaps(occurred) || c.LastDay is { } last && occurred.LowerBound > c.Date.LowerBound && occurred.LowerBound <= last.LowerBound)
            && (place is null || c.Place == place) && (organizer is null || c.Organizer is null || c.Organizer == organizer)).Take(2).ToList();
        return same is [var only] ? only : null;
    }

    /// <summary>
    /// "IRPT leader Muhiddin Kabiri addressed a side event on Tuesday about political prisoners in Tajikistan": a side,
    /// parallel or fringe meeting is held at the meeting the article reported just before it, begun up to two weeks
    /// earlier, so it takes that meeting's venue rather than a country named in its topic.
    /// </summary>
    private ConferenceDraft? HeldAlongside(ArticleContext article, SentenceView view, int noun, HistoricalDate occurred)
    {
        if (noun == 0 || !_within.Contains(view.Tokens[noun - 1].Text)) return null;
        return article.Conferences.LastOrDefault(c => c.Date.LowerBound <= occurred.LowerBound && occurred.LowerBound.DayNumber - c.Date.LowerBound.DayNumber <= 14);
    }

    /// <summary>
    /// "The congress opened on Thursday", "The assembly of the coalition ran from Thursday to Saturday": the meeting the
    /// article already reported, called by the same noun, and not a second one.
    /// </summary>
    private static ConferenceDraft? ReferredBack(ArticleContext article, SentenceView view, int noun)
    {
        return noun > 0 && view.Tokens[noun - 1].Is("the") ? article.OnlyConferenceCalled(view.Tokens[noun].Text) : null;
    }

    /// <summary>
    /// "The MPLA wrapped up its congress on Saturday. … delegates gathered from Thursday for the three-day meeting": a
    /// generic meeting noun after "the" (past an "n-day" or lower-case modifier) is the one meeting the article has
    /// reported, when it falls within two weeks of it; not a second meeting.
    /// </summary>
    private ConferenceDraft? GenericReferredBack(ArticleContext article, SentenceView view, int noun, HistoricalDate occurred)
    {
        if (article.Conferences is not [{ } only] || !_generic.Contains(view.Tokens[noun].Text)) return null;
        var k = noun - 1;
        while (k >= 0 && noun - k <= 4 && (view.Tokens[k].IsWord || view.Tokens[k].IsNumber || view.Tokens[k].Text == "-") && !view.Tokens[k].IsCapitalized && !Determiners.Contains(view.Tokens[k].Text)) k--;
        if (k < 0 || !view.Tokens[k].Is("the")) return null;
        var apart = Math.Abs(only.Date.LowerBound.DayNumber - occurred.LowerBound.DayNumber);
        return only.Date.Overlaps(occurred) || apart <= 14 ? only : null;
    }

    /// <summary>
    /// The gathering the sentence before told, for "the meeting" (or any meeting noun after "the") in a sentence without a
    /// date: people who "met", "gathered" or "convened" there, not in a quote, not planned, on a day. That sentence named no
    /// meeting of its own (it would have been extracted, or rejected, there).
    /// </summary>
    private (Dates.DateMention Date, SentenceView View)? MetJustBefore(ArticleContext article, SentenceView view, int noun)
    {
        if (view.Index == 0 || noun == 0 || !view.Tokens[noun - 1].Is("the") || view.Tokens[noun].IsCapitalized) return null;
        var before = article.Views[view.Index - 1];
        if (before.Has(_nouns)) return null;
        foreach (var (v, _) in before.Find(_verbs))
        {
            if (!BodyMeetingVerbs.Contains(before.Tokens[v].Text) || IsIrrealis(before, v)) continue;
            if (before.DateFor(v) is { Date.Precision: DatePrecision.Day } day && !(article.Publication.Day is { } pub && day.Date.LowerBound > pub))
                return (day, before);
        }
        return null;
    }

    // "held behind closed doors" is no closing: "closed" before "doors" describes the meeting, it does not end it.
    private IEnumerable<(int Index, int Length)> Closings(SentenceView view) =>
        view.Find(_closingVerbs).Where(c => !(c.Index + 1 < view.Tokens.Length && view.Tokens[c.Index + 1].Text.ToLowerInvariant() is "doors" or "door"));

    /// <summary>
    /// "The UN climate conference ended on Sunday … The COP27 summit, which opened on November 6, …": the opening, days
    /// before, of the one meeting the article has reported in that country, whatever it calls it now.
    /// </summary>
    private static ConferenceDraft? OpeningOfTheOne(ArticleContext article, SentenceView view, int verb, Timeline.Domain.Countries.CountryCode country, HistoricalDate opened)
    {
        if (article.Conferences is not [{ } only] || only.Country != country || !(view.Tokens[verb].Is("opened") || view.Tokens[verb].Is("began"))) return null;
        return StartsEarlier(only.Date, opened) ? only : null;
    }

    // A day inside the month first reported ("last week" … "from Thursday"), or the opening day a few days before the
    // closing day first reported: the meeting's date is the day it began.
    private static bool StartsEarlier(HistoricalDate reported, HistoricalDate referred) =>
        referred.Precision == DatePrecision.Day
        && (reported.Precision < DatePrecision.Day && reported.Overlaps(referred)
            || reported.Precision == DatePrecision.Day && referred.LowerBound < reported.LowerBound && reported.LowerBound.DayNumber - referred.LowerBound.DayNumber <= 14);

    private static bool InOpeningParticiple(SentenceView view, int verb, int dateAt)
    {
        if (!view.Tokens[verb].Text.EndsWith("ing", StringComparison.OrdinalIgnoreCase) || view.ClauseStart(verb) != verb || dateAt < verb) return false;
        return !Enumerable.Range(verb, dateAt - verb).Any(k => view.Tokens[k].Text == ",");
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "the", "a", "an", "its", "their", "this", "that", "his", "her" };

    private static readonly ActorKind[] Organizers = [ActorKind.Organization, ActorKind.Party, ActorKind.GovernmentBody];

    /// <summary>An organisation right before the meeting noun, with only lower-case modifiers between: "the UN climate conference".</summary>
    private static ArticleActor? ModifierOrganizer(SentenceView view, int noun)
    {
        foreach (var m in view.Actors)
        {
            if (m.IsPronoun || !Organizers.Contains(m.Actor.Kind) || m.TokenEnd > noun || noun - m.TokenEnd > 3 || view.Quoted[m.TokenStart]) continue;
            // "the ministry condemned the conference": a determiner starts another noun phrase, so the body is not a modifier.
            if (Enumerable.Range(m.TokenEnd, noun - m.TokenEnd).All(k => view.Tokens[k].IsWord && !view.Tokens[k].IsCapitalized && !Determiners.Contains(view.Tokens[k].Text)))
            {
                // "a lawsuit by the party at the conference" is not a modifier; "of"/"by"/"against" before the name make it an argument.
                if (m.TokenStart > 0 && view.Tokens[m.TokenStart - 1].Text is "by" or "against" or "of" or "with" or "from") continue;
                return m.Actor;
            }
        }
        return null;
    }

    /// <summary>"opened in the Polish capital": a demonym before "capital" places the meeting in that country.</summary>
    private static Timeline.Domain.Countries.CountryCode? CapitalOf(SentenceView view) =>
        view.Places.Where(p => p.IsDemonym && p.TokenEnd < view.Tokens.Length && view.Tokens[p.TokenEnd].Is("capital") && !view.Quoted[p.TokenStart])
            .Select(p => (Timeline.Domain.Countries.CountryCode?)p.Country).FirstOrDefault();

    // "the Jinnah Convention Centre", "the Olympic sports and concert complex": a building hosts a meeting, it does not
    // organise or attend it.
    private bool IsVenue(ArticleActor actor) =>
        actor.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words && _venueHeads.Contains(words[^1].ToLowerInvariant());

    private static bool VenueIsPronoun(SentenceView view, IEnumerable<int> verbs) => verbs.Any(v => IsPronounVenue(view, v));

    private static bool IsPronounVenue(SentenceView view, int verb) =>
        verb > 0 && view.Tokens[verb].Text.StartsWith("host", StringComparison.OrdinalIgnoreCase) && view.Tokens[verb - 1].Is("it");

    private ArticleActor? OwnerOf(ArticleContext article, SentenceView view, int noun)
    {
        var possessive = Enumerable.Range(Math.Max(0, noun - 4), noun - Math.Max(0, noun - 4)).Any(k => view.Tokens[k].Is("its") || view.Tokens[k].Is("their"));
        // "The party held …", "In January the party held …": a definite party noun as the subject.
        var definite = Enumerable.Range(0, Math.Max(0, noun - 1)).Any(k => view.Tokens[k].Is("the") && !view.Quoted[k]
            && view.Tokens[k + 1].Text.ToLowerInvariant() is "party" or "movement" or "group" or "alliance" or "bloc" or "coalition"
            && k + 2 < view.Tokens.Length && !view.Tokens[k + 2].Is("of") && !view.Tokens[k + 2].Text.StartsWith('\''));
        if (!possessive && !definite) return null;
        if (view.Actors.Any(a => a.Actor.Kind is ActorKind.Party or ActorKind.Organization)) return null;   // named in the sentence already
        var before = article.LastMentioned(view.Index, 0, ActorKind.Party) ?? article.LastMentioned(view.Index, 0, ActorKind.Organization);
        if (before is not null) return before;
        // "An opposition movement … held its founding congress. The movement, Free Steppe Party, …": named just after.
        foreach (var next in article.Views.Skip(view.Index + 1).Take(2))
        {
            if (next.Actors.FirstOrDefault(a => a.Actor.Kind is ActorKind.Party).Actor is { } named) return named;
            if (NamedInOf(article, next) is { } unknown) return unknown;
        }
        return null;
    }

    // "The CSAS closed its 12th ordinary congress", "the party opened its convention": the subject whose own meeting it is.
    private static ArticleActor? OpenerOfItsOwn(SentenceView view, int verb, int noun)
    {
        if (noun <= verb || noun - verb > 5) return null;
        if (!Enumerable.Range(verb + 1, noun - verb - 1).Any(k => view.Tokens[k].Is("its") || view.Tokens[k].Is("their"))) return null;
        var subject = SubjectOf(view, verb);
        return subject is { Kind: ActorKind.Organization or ActorKind.Party or ActorKind.GovernmentBody } ? subject : null;
    }

    // "The congress of the Ozod Vatan (Free Homeland) movement …": the name a meeting noun's "of" gives, known or not.
    private ArticleActor? NamedInOf(ArticleContext article, SentenceView view)
    {
        foreach (var (n, _) in view.Find(_nouns))
        {
            var i = n + 1;
            if (i >= view.Tokens.Length || !view.Tokens[i].Is("of")) continue;
            i++;
            if (i < view.Tokens.Length && view.Tokens[i].Is("the")) i++;
            // A group the article names there already: "the assembly of the 1Sambayan coalition".
            if (view.Actors.FirstOrDefault(a => a.TokenStart == i && !a.IsPronoun && a.Actor.Kind is ActorKind.Party or ActorKind.Organization) is { Actor: { } group }) return group;
            // "of an Uzbek opposition movement, Ozod Vatan": the name in apposition to a party noun.
            if (i < view.Tokens.Length && (view.Tokens[i].Is("a") || view.Tokens[i].Is("an")))
            {
                var k = i + 1;
                while (k < view.Tokens.Length && k - i < 6 && view.Tokens[k].IsWord && !_partyNouns.Contains(view.Tokens[k].Text)) k++;
                if (k + 2 < view.Tokens.Length && _partyNouns.Contains(view.Tokens[k].Text) && view.Tokens[k + 1].Text == ",") i = k + 2;
            }
            var end = i;
            while (end < view.Tokens.Length && end - i < 5 && IsNameWord(view.Tokens[end]) && !view.Quoted[end]) end++;
            if (end == i) continue;
            if (view.Places.Any(p => p.TokenStart >= i && p.TokenStart < end)) continue;
            var name = ActorResolver.Join(view.Tokens, i, end);
            return article.Names.All.FirstOrDefault(a => a.Name == name || a.Aliases.Contains(name))
                   ?? new ArticleActor(ActorId.FromName(name), name, ActorKind.Party, null, known: false);
        }
        return null;
    }

    // A capitalized word, or one that opens with a figure before its capital ("the 1Sambayan coalition").
    private static bool IsNameWord(Timeline.Ingestion.Text.Token t) =>
        t.IsCapitalized && t.IsWord
        || t.IsNumber && t.Text.FirstOrDefault(char.IsLetter) is var letter && char.IsUpper(letter) && t.Text.SkipWhile(char.IsDigit).All(char.IsLetter) && t.Text.Any(char.IsLower);

    // "Kazakhstan hosted the Astana International Forum": a country as host.
    private static ArticleActor? HostCountry(ArticleContext article, SentenceView view, IEnumerable<int> verbs)
    {
        foreach (var verb in verbs)
        {
            if (!view.Tokens[verb].Text.StartsWith("host", StringComparison.OrdinalIgnoreCase)) continue;
            // "in northern Mozambique at a summit hosted by Malawi": the passive's agent is the host, not the country before.
            var by = ByAfter(view, verb);
            var place = by >= 0
                ? view.Places.FirstOrDefault(p => p.TokenStart == by + 1 && p.Entry.Type == Gazetteer.EntryType.Country)
                : view.Places.LastOrDefault(p => p.TokenEnd <= verb && verb - p.TokenEnd <= 3 && p.Entry.Type == Gazetteer.EntryType.Country);
            if (place.Entry is null) continue;
            return article.CountryActor(place.Entry);
        }
        return null;
    }

    private bool IsIrrealis(SentenceView view, int i) =>
        view.CueBefore(_negationButWithout, i, 5) || WithoutDoing(view, i, 5) || view.CueBefore(_irrealis, i, 6);

    // "a forum on detention without trial organised by …": "without" and a noun qualify what comes before it and leave
    // the meeting real; only "without" before the trigger itself or a gerund ("without holding a congress") negates it.
    private static bool WithoutDoing(SentenceView view, int i, int window)
    {
        for (var k = Math.Max(view.ClauseStart(i), i - window); k < i; k++)
            if (view.Tokens[k].Is("without") && !view.Quoted[k] && (k + 1 == i || view.Tokens[k + 1].Text.EndsWith("ing", StringComparison.OrdinalIgnoreCase))) return true;
        return false;
    }

    private static ArticleActor? OrganizerOf(SentenceView view, int verb)
    {
        var text = view.Tokens[verb].Text.ToLowerInvariant();
        if (text.StartsWith("host", StringComparison.Ordinal) || text.StartsWith("organi", StringComparison.Ordinal) || text.StartsWith("conven", StringComparison.Ordinal) || text is "held" or "chaired")
        {
            // "by X" after the verb, else the subject before it.
            if (ByAfter(view, verb) is var agentBy and >= 0)
            {
                // "organised by the Accra Civic League": the agent may take its article.
                var after = view.Actors.FirstOrDefault(a => (a.TokenStart == agentBy + 1 || a.TokenStart == agentBy + 2 && view.Tokens[agentBy + 1].Is("the")) && !a.IsPronoun && Hosts.Contains(a.Actor.Kind));
                // "an online event hosted by a university": the passive's agent follows; the subject before is a guest.
                return after.Actor;
            }
            // "The Free Youth Foundation (FYF), banned since March, held …": the subject of the verb, past its acronym and
            // one comma-bounded clause, is who held it.
            if (SubjectOf(view, verb) is { } subject) return subject;
            var before = view.Actors.Where(a => a.TokenEnd <= verb && verb - a.TokenEnd <= 9 && Hosts.Contains(a.Actor.Kind) && !view.Quoted[a.TokenStart])
                .Select(a => (ActorMention?)a).LastOrDefault();
            if (before is not null && !(text == "held" && before.Value.Actor.Kind == ActorKind.Person && verb - before.Value.TokenEnd > 2)) return before.Value.Actor;
        }
        var by = Enumerable.Range(0, view.Tokens.Length - 1).FirstOrDefault(i => view.Tokens[i].Is("by") && i > 0 && (view.Tokens[i - 1].Text.StartsWith("organi", StringComparison.OrdinalIgnoreCase) || view.Tokens[i - 1].Text.StartsWith("host", StringComparison.OrdinalIgnoreCase)), -1);
        if (by >= 0)
        {
            var m = view.Actors.FirstOrDefault(a => a.TokenStart == by + 1 || a.TokenStart == by + 2);
            if (m.Actor is not null) return m.Actor;
        }
        return null;
    }

    /// <summary>
    /// "organised by", "convened over Zoom by", "hosted in Accra by": the "by" of a passive meeting verb, at most two words
    /// (no comma) after it; -1 when there is none.
    /// </summary>
    private static int ByAfter(SentenceView view, int verb)
    {
        for (var k = verb + 1; k < view.Tokens.Length && k - verb <= 3; k++)
        {
            if (view.Tokens[k].Is("by")) return k;
            if (!view.Tokens[k].IsWord || view.Quoted[k]) return -1;
        }
        return -1;
    }

    // The agent of a passive "organised/hosted/convened/chaired by X", and nothing else: a sentence after the one that
    // reported the meeting says who organised it only that way.
    private static ArticleActor? AgentOf(SentenceView view, int verb)
    {
        var text = view.Tokens[verb].Text.ToLowerInvariant();
        if (!(text.StartsWith("host", StringComparison.Ordinal) || text.StartsWith("organi", StringComparison.Ordinal) || text.StartsWith("conven", StringComparison.Ordinal) || text is "chaired")) return null;
        var by = ByAfter(view, verb);
        if (by < 0) return null;
        return view.Actors.FirstOrDefault(a => (a.TokenStart == by + 1 || a.TokenStart == by + 2 && view.Tokens[by + 1].Is("the")) && !a.IsPronoun && Organizers.Contains(a.Actor.Kind)).Actor;
    }

    /// <summary>
    /// Verbs that report a meeting only with the meeting as their object: "joined an online conference on Thursday" (people
    /// also join parties), and coming together "for" one: "sat down for a round table", "set up camp on Monday for the Free
    /// Land Camp, an annual assembly".
    /// </summary>
    private IEnumerable<(int Index, int Length)> MeetingObjectVerbs(SentenceView view)
    {
        List<int>? nouns = null;
        foreach (var (v, len) in view.Find(_joining))
        {
            nouns ??= view.Find(_nouns).Select(n => n.Index).ToList();
            if (MeetingNounAt(view, nouns, v + len)) yield return (v, len);
        }
        foreach (var (v, len) in view.Find(_gathering))
        {
            nouns ??= view.Find(_nouns).Select(n => n.Index).ToList();
            for (var k = v + len; k < view.Tokens.Length && k - v <= 12; k++)
            {
                if (view.Tokens[k].Text is "." or ";" or ":" || view.Quoted[k]) break;
                if (!view.Tokens[k].Is("for")) continue;
                if (MeetingNounAt(view, nouns, k + 1) || MeetingInApposition(view, nouns, k + 1)) yield return (v, len);
                break;
            }
        }
    }

    // A meeting noun within four words of start, past determiners, modifiers and a name: "an online conference", "the
    // annual Astana Forum", "a two-day round table".
    private static bool MeetingNounAt(SentenceView view, List<int> nouns, int start)
    {
        for (var k = start; k < view.Tokens.Length && k - start < 5; k++)
        {
            if (nouns.Contains(k)) return true;
            if (!(view.Tokens[k].IsWord || view.Tokens[k].IsNumber || view.Tokens[k].Text == "-") || view.Quoted[k]) return false;
        }
        return false;
    }

    // "the Free Land Camp, an annual assembly": a capitalized name that a meeting noun describes in apposition.
    private static bool MeetingInApposition(SentenceView view, List<int> nouns, int start, int nameEnd = -1)
    {
        var k = start < view.Tokens.Length && view.Tokens[start].Is("the") ? start + 1 : start;
        var name = k;
        if (nameEnd >= 0) k = nameEnd;
        else while (k < view.Tokens.Length && k - name < 6 && view.Tokens[k].IsWord && view.Tokens[k].IsCapitalized) k++;
        if (k == name || k + 1 >= view.Tokens.Length || view.Tokens[k].Text != ",") return false;
        k++;
        if (!(view.Tokens[k].Is("a") || view.Tokens[k].Is("an") || view.Tokens[k].Is("the"))) return false;
        for (var j = k + 1; j < view.Tokens.Length && j - k <= 4; j++)
        {
            // "X, the forum's organiser": the noun of a possessive describes someone else.
            if (nouns.Contains(j)) return !(j + 1 < view.Tokens.Length && view.Tokens[j + 1].Text is "'s" or "’s");
            if (!view.Tokens[j].IsWord || view.Tokens[j].IsCapitalized) return false;
        }
        return false;
    }

    /// <summary>
    /// The actor that is the subject of an active verb: the mention right before it, or right before a bracketed acronym
    /// and one clause set off by commas ("X (ACR), banned in … since June, held"). Adverbs and dates between subject and
    /// verb are left to the nearer-mention rule.
    /// </summary>
    private static ArticleActor? SubjectOf(SentenceView view, int verb)
    {
        var k = verb;
        if (k > 0 && view.Tokens[k - 1].Text == "," && !view.Quoted[k - 1])
        {
            var open = k - 2;
            while (open >= 0 && !(view.Tokens[open].Text == "," && !view.Quoted[open]) && view.Tokens[open].Text is not ("." or ";")) open--;
            if (open < 0 || view.Tokens[open].Text != ",") return null;
            k = open;
        }
        if (k > 0 && view.Tokens[k - 1].Text == ")")
        {
            var open = k - 2;
            while (open >= 0 && view.Tokens[open].Text != "(") open--;
            if (open < 0) return null;
            k = open;
        }
        var subject = view.Actors.Where(a => a.TokenEnd == k && !a.IsPronoun && Hosts.Contains(a.Actor.Kind) && !view.Quoted[a.TokenStart])
            .Select(a => (ActorMention?)a).FirstOrDefault();
        // A name after "of/by/at/with" is an argument of something else, not the subject.
        if (subject is not { } s || s.TokenStart > 0 && view.Tokens[s.TokenStart - 1].Text is "of" or "by" or "at" or "with" or "from" or "for" or "to" or "in") return null;
        return s.Actor;
    }

    /// <summary>"The “Free Steppe” forum", "a congress called “Erkin El”": a name in quotes right before or after the meeting noun.</summary>
    private static string? QuotedNameOf(SentenceView view, int noun)
    {
        if (noun >= 2 && view.Tokens[noun - 1].Text is "”" or "\"" && view.Quoted[noun - 1])
        {
            var open = noun - 2;
            while (open >= 0 && view.Tokens[open].Text is not ("“" or "\"")) open--;
            if (open >= 0 && open < noun - 2 && Enumerable.Range(open + 1, noun - open - 2).Any(k => view.Tokens[k].IsCapitalized))
                return ActorResolver.Join(view.Tokens, open + 1, noun - 1) + " " + view.Tokens[noun].Text;
        }
        var at = noun + 1;
        if (at < view.Tokens.Length && view.Tokens[at].Text is "called" or "named" or "entitled" or "titled") at++;
        if (at + 2 < view.Tokens.Length && view.Tokens[at].Text is "“" or "\"")
        {
            var close = at + 1;
            while (close < view.Tokens.Length && view.Tokens[close].Text is not ("”" or "\"")) close++;
            if (close < view.Tokens.Length && close - at <= 8 && view.Tokens[at + 1].IsCapitalized) return ActorResolver.Join(view.Tokens, at + 1, close);
        }
        return null;
    }

    /// <summary>
    /// "The Steppe Dialogue Forum, Asia's largest media conference, opened …" and "Africa's largest rights meeting, the
    /// Banjul Civic Forum, opened …": a capitalized meeting name in apposition to the noun names it.
    /// </summary>
    private string? AppositionNameOf(SentenceView view, int noun)
    {
        var open = noun - 1;
        while (open >= 0 && view.Tokens[open].Text is not ("," or "." or ";") && noun - open <= 8) open--;
        if (open > 0 && view.Tokens[open].Text == "," && CapitalizedMeetingNameEndingAt(view, open) is { } before) return before;
        if (noun + 2 < view.Tokens.Length && view.Tokens[noun + 1].Text == ",")
        {
            var start = noun + 2;
            if (view.Tokens[start].Is("the") && start + 1 < view.Tokens.Length) start++;
            var end = start;
            while (end < view.Tokens.Length && view.Tokens[end].IsWord && (view.Tokens[end].IsCapitalized || view.Tokens[end].Text is "of" or "on" or "for" && end + 1 < view.Tokens.Length && view.Tokens[end + 1].IsCapitalized)) end++;
            if (end > start + 1 && Enumerable.Range(start, end - start).Any(k => view.Tokens[k].IsCapitalized && _nouns.Contains(view.Tokens[k].Text.ToLowerInvariant()))
                && !view.Quoted[start])
                return ActorResolver.Join(view.Tokens, start, end);
        }
        return null;
    }

    // The capitalized words right before position end, when they hold a capitalized meeting noun: "Human Dimension Implementation Meeting".
    private string? CapitalizedMeetingNameEndingAt(SentenceView view, int end)
    {
        var start = end;
        while (start > 0 && view.Tokens[start - 1].IsWord && (view.Tokens[start - 1].IsCapitalized || view.Tokens[start - 1].Text is "of" or "on" or "for" && start - 2 >= 0 && view.Tokens[start - 2].IsCapitalized)
               && view.Tokens[start - 1].Text is not ("The" or "A" or "An" or "On" or "In" or "At")) start--;
        if (end - start < 2 || view.Quoted[start]) return null;
        if (!Enumerable.Range(start, end - start).Any(k => view.Tokens[k].IsCapitalized && _nouns.Contains(view.Tokens[k].Text.ToLowerInvariant()))) return null;
        return ActorResolver.Join(view.Tokens, start, end);
    }

    // A capitalized name that contains the meeting noun: "the World Uyghur Congress", "the Astana International Forum".
    private static string? NameOf(SentenceView view, int noun)
    {
        // "the COP27 summit", "the SCO summit": an acronym before the noun names it.
        if (!view.Tokens[noun].IsCapitalized)
            return noun > 0 && view.Tokens[noun - 1].Text.Count(char.IsUpper) >= 2 && view.Tokens[noun - 1].Text.All(char.IsLetterOrDigit)
                ? view.Tokens[noun - 1].Norm + " " + view.Tokens[noun].Text
                : null;
        var start = noun;
        while (start > 0 && (view.Tokens[start - 1].IsCapitalized && view.Tokens[start - 1].IsWord || view.Tokens[start - 1].IsNumber) && view.Tokens[start - 1].Text is not ("The" or "A" or "An" or "On" or "In" or "At")) start--;
        var end = noun + 1;
        while (end + 1 < view.Tokens.Length && view.Tokens[end].Text is "of" or "on" or "for" && view.Tokens[end + 1].IsCapitalized) end += 2;
        return start == noun && end == noun + 1 ? null : ActorResolver.Join(view.Tokens, start, end);
    }

    [GeneratedRegex(@"(?<n>\d{1,3}(?:,\d{3})*|\d+)\s+(?<noun>[a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();

    private void FindAttendance(ArticleContext article, ConferenceDraft draft)
    {
        foreach (var view in article.Views)
        {
            var refersBack = view == draft.Evidence || draft.Mentions.Contains(view)
                || view.Find(_nouns, includeQuoted: true).Any(n => n.Index > 0 && (draft.Handles.Contains(view.Tokens[n.Index - 1].Norm) || view.Tokens[n.Index - 1].Is("that") || article.Conferences.Count == 1 && view.Tokens[n.Index - 1].Is("the")));
            if (!refersBack) continue;
            foreach (Match m in CountPattern().Matches(view.Sentence.Text))
            {
                if (!_attendees.Contains(m.Groups["noun"].Value)) continue;
                var at = view.TokenAt(view.Sentence.Start + m.Index);
                if (!int.TryParse(m.Groups["n"].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
                if (view.CueBefore(_irrealis, at, 8)) draft.ExpectedAttendance ??= n;
                else draft.Attendance ??= n;
            }
        }
    }
}
