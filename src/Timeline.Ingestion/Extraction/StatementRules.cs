using Timeline.Domain.Events;
using Timeline.Domain.Countries;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Rules;

namespace Timeline.Ingestion.Extraction;

/// <summary>
/// StatementMade: a speech verb with a speaker before it ("Safarov said", "X, Director of Y, told reporters") or after it
/// ("said Kabiri"), "According to him, …", and bare quotations that continue the previous speaker. Pronouns resolve to
/// the last speaker. Quotes by one speaker on one date in one article are one statement.
/// </summary>
public sealed class StatementRules(Lexicon lexicon)
{
    private readonly WordSet _speech = lexicon["speech-verbs"];
    private readonly WordSet _negation = lexicon["negation-cues"];
    private readonly WordSet _sameOccasion = lexicon["same-occasion-cues"];
    private readonly WordSet _conferenceNouns = lexicon["conference-nouns"];
    private readonly WordSet _venueCues = lexicon["venue-cues"];
    private readonly WordSet _male = lexicon["pronouns-male"];
    private readonly WordSet _female = lexicon["pronouns-female"];
    private readonly WordSet _outageSubjects = lexicon["outage-subjects"];
    private readonly WordSet _banVerbs = lexicon["ban-verbs"];
    private readonly WordSet _designationVerbs = lexicon["designation-verbs"];
    private readonly WordSet _designations = lexicon["designations"];
    private readonly WordSet _outageVerbs = lexicon["outage-verbs"];
    private readonly WordSet _partyNouns = lexicon["party-nouns"];
    private readonly WordSet _factVerbs = lexicon["fact-verbs"];
    private readonly WordSet _claimNouns = lexicon["claim-nouns"];
    private readonly WordSet _closingDay = lexicon["closing-day-cues"];
    private readonly WordSet _titles = lexicon["person-titles"];
    private readonly WordSet _framing = lexicon["quote-framing-verbs"];
    private readonly WordSet _roles = lexicon["role-nouns"];
    private static readonly HashSet<string> SaidVerbs = new(StringComparer.OrdinalIgnoreCase) { "said", "says", "added", "noted", "stated", "wrote", "explained", "asked", "continued", "mused", "remarked", "commented", "declared", "insisted", "stressed" };
    private static readonly ActorKind[] SpeakerKinds = [ActorKind.Person, ActorKind.GovernmentBody, ActorKind.Organization, ActorKind.Party];

    public void Apply(ArticleContext article)
    {
        ArticleActor? lastSpeaker = null;
        HistoricalDate? lastDate = null;
        var lastDateAt = -1;
        StatementDraft? previous = null;
        var previousAt = -1;
        foreach (var view in article.Views)
        {
            StatementDraft? made = null;
            foreach (var (verb, length) in SpeechVerbs(view))
            {
                if (view.CueBefore(_negation, verb, window: 3)) continue;   // "did not say", "declined to comment"
                if (DeclinesComment(view)) break;
                if (IsActOfDesignation(view, verb)) continue;               // "declared it an extremist group" is the ban itself
                var speaker = SpeakerBefore(article, view, verb, lastSpeaker, spokeJustBefore: previous is not null && previousAt == view.Index - 1)
                              ?? (SaidVerbs.Contains(view.Tokens[verb].Text) ? SpeakerAfter(view, verb + length) : null);
                if (speaker is null || IsProvenance(article, view, speaker.Value.Actor)) continue;
                // "…, the party said." closing a sentence: a definite description cited as the source of a fact.
                if (speaker.Value.Actor.Kind != ActorKind.Person && (verb + 1 >= view.Tokens.Length || view.Tokens[verb + 1].Text is "," or "." or ";") && verb >= 2 && view.Tokens[verb - 2].Is("the") && _partyNouns.Contains(view.Tokens[verb - 1].Text)) continue;
                // "rejected an application" is an act; a person rejecting or denying something is a statement.
                // "The party rejected the accusation" answers a claim, and that is a statement.
                if (view.Tokens[verb].Text.ToLowerInvariant() is "rejected" or "dismissed" or "denied" or "refuted" && speaker.Value.Actor.Kind != ActorKind.Person && !ClaimFollows(view, verb)) continue;
                // "The operators' association confirmed that its members had acted": an organisation confirming a fact is its source.
                if (speaker.Value.Actor.Kind != ActorKind.Person && _factVerbs.Contains(view.Tokens[verb].Text)) continue;
                made = Record(article, view, verb, speaker.Value.Actor, speaker.Value.Pronoun, ref lastDate, ref lastDateAt, length);
                break;
            }
            if (made is null && PressConference(view) is { } host && !IsProvenance(article, view, host))
                made = Record(article, view, 0, host, false, ref lastDate, ref lastDateAt);
            if (made is null && view.Tokens.Length > 3 && view.Tokens[0].Is("according") && view.Tokens[1].Is("to"))
            {
                // "According to X, …" gives a person's words; an organisation after "according to" is a source of facts.
                // "According to Home Affairs Minister Hamad Masauni, …": the office before the name is not the speaker.
                var speaker = view.Actors.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person && !a.IsPronoun && a.TokenStart >= 2 && a.TokenStart <= 7
                                                              && Enumerable.Range(2, a.TokenStart - 2).All(k => view.Tokens[k].IsWord && !view.Actors.Any(o => o.TokenStart <= k && k < o.TokenEnd && o.Actor.Kind == ActorKind.Person)));
                if (speaker.Actor is not null) made = Record(article, view, 1, speaker.Actor, false, ref lastDate, ref lastDateAt);
                else if (IsPronoun(view.Tokens[2].Text) && lastSpeaker is not null) made = Record(article, view, 1, lastSpeaker, true, ref lastDate, ref lastDateAt);
            }
            if (made is null && previous is not null && previousAt == view.Index - 1 && view.Tokens.Length > 0
                && view.Tokens[0].Text is "“" or "\"" && view.Quotes() is { Count: > 0 } continued)
            {
                // A quotation standing alone continues the speaker of the sentence before.
                foreach (var q in continued) if (!previous.Quotes.Contains(q)) previous.Quotes.Add(q);
                made = previous;
            }
            if (made is not null && previous is not null) JoinsTheDayAfter(article, previous, previousAt, made, view);
            if (made is not null) lastSpeaker = made.Speaker;
            previous = made;
            previousAt = view.Index;
        }
    }

    /// <summary>
    /// "The SPA called on Sudanese to take to the streets. "We call on the masses to …," the association said in a
    /// statement on Monday.": a statement without a day of its own, told again by the same speaker in the next sentence
    /// of the paragraph with a day, is that statement. Its words join the dated one, which keeps its own evidence (the
    /// sentence that gives the day), and the undated one is dropped.
    /// </summary>
    private static void JoinsTheDayAfter(ArticleContext article, StatementDraft undated, int undatedAt, StatementDraft dated, SentenceView view)
    {
        if (dated == undated || !undated.DatedByReport || dated.DatedByReport || undated.Speaker != dated.Speaker || undatedAt != view.Index - 1
            || article.Views[undatedAt].Sentence.Paragraph != view.Sentence.Paragraph) return;
        dated.Quotes.InsertRange(0, undated.Quotes.Where(q => !dated.Quotes.Contains(q)));
        dated.Gist ??= undated.Gist;
        foreach (var (actor, role) in undated.Actors) dated.AddActor(actor, role);
        dated.Venue ??= undated.Venue;
        dated.Place ??= undated.Place;
        article.Statements.Remove(undated);
    }

    // "rejected the accusation", "dismissed the claims as …": the object is something said.
    private bool ClaimFollows(SentenceView view, int verb) =>
        Enumerable.Range(verb + 1, Math.Min(3, view.Tokens.Length - verb - 1)).Any(k => _claimNouns.Contains(view.Tokens[k].Text));

    // "declined to comment", "was not authorised to comment", "no comment": saying nothing is not a statement.
    private static bool DeclinesComment(SentenceView view)
    {
        for (var i = 0; i < view.Tokens.Length; i++)
        {
            if (!view.Tokens[i].Text.StartsWith("comment", StringComparison.OrdinalIgnoreCase) || view.Quoted[i]) continue;
            for (var k = Math.Max(0, i - 5); k < i; k++)
                if (view.Tokens[k].Text is "not" or "no" or "declined" or "refused" or "without" || view.Tokens[k].Text.EndsWith("n't", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // "The court declared the party extremist", "X designated Y a terrorist group": the verb is the act, not speech.
    private bool IsActOfDesignation(SentenceView view, int verb) =>
        _designationVerbs.Contains(view.Tokens[verb].Text)
        && Enumerable.Range(verb + 1, Math.Min(12, view.Tokens.Length - verb - 1)).Any(k => _designations.Contains(view.Tokens[k].Norm) || _designations.Phrases.Any(p => view.PhraseAt(k, p)));

    /// <summary>
    /// Not a statement event: an organisation cited as the source of a measurement ("NetBlocks said connectivity fell"),
    /// or an authority announcing or explaining its own ban or shutdown (that belongs to the act itself).
    /// </summary>
    private bool IsProvenance(ArticleContext article, SentenceView view, ArticleActor speaker)
    {
        if (speaker.Kind is ActorKind.Media) return true;
        // "the council said the party's president held dual nationality": the body that banned a party in this article
        // giving its reasons is the ban's own justification, whether or not the sentence repeats the verb.
        if (speaker.Kind is ActorKind.GovernmentBody && article.Bans.Any(b => b.Authority == speaker)) return true;
        // "Access Now wrote that the shutdowns …": the word "access" in a name is no outage subject.
        if (speaker.Kind is ActorKind.Organization && view.Find(_outageSubjects).Any(f => !InName(view, f.Index)) && view.Has(_outageVerbs, includeQuoted: true)) return true;
        if (speaker.Kind is ActorKind.Organization && view.Tokens.Any(t => t.Is("connectivity") || t.Is("traffic") || t.Is("measurements") || t.Is("data") || t.Is("operators")))
            return true;
        if (speaker.Kind is ActorKind.GovernmentBody
            && (view.Has(_banVerbs, includeQuoted: true) || view.Has(_outageVerbs, includeQuoted: true) || view.Tokens.Any(t => t.Is("suspension") || t.Is("measure") || t.Is("restrictions") || t.Is("order") || t.Is("decision") || t.Is("block") || t.Is("ordered"))))
            return true;
        return false;
    }

    private static bool InName(SentenceView view, int at) => view.Actors.Any(a => !a.IsPronoun && a.TokenStart <= at && at < a.TokenEnd);

    // "X held a press conference …": what X said there is a statement by X.
    private static ArticleActor? PressConference(SentenceView view)
    {
        for (var i = 1; i + 1 < view.Tokens.Length; i++)
        {
            if (!(view.Tokens[i].Is("press") || view.Tokens[i].Is("news")) || !(view.Tokens[i + 1].Is("conference") || view.Tokens[i + 1].Is("briefing"))) continue;
            var held = Enumerable.Range(Math.Max(0, i - 4), i - Math.Max(0, i - 4)).FirstOrDefault(k => view.Tokens[k].Is("held") || view.Tokens[k].Is("gave") || view.Tokens[k].Is("told"), -1);
            if (held < 0) return null;
            var host = view.Actors.Where(a => a.TokenEnd <= held && SpeakerKinds.Contains(a.Actor.Kind) && !view.Quoted[a.TokenStart]).Select(a => a.Actor).LastOrDefault();
            return host;
        }
        return null;
    }

    // "Sheinbaum did not attend the congress. At a press conference on Sunday, she said …": a person opening the
    // sentence before, in the same paragraph, is who the pronoun continues, whoever spoke earlier.
    private static ArticleActor? SubjectBefore(ArticleContext article, SentenceView view)
    {
        if (article.BeforeInParagraph(view) is not { } before) return null;
        var subject = before.Actors.FirstOrDefault(a => a.TokenStart == 0 && !a.IsPronoun && !before.Quoted[0]);
        return subject.Actor is { Kind: ActorKind.Person } person ? person : null;
    }

    private bool IsPronoun(string word) => _male.Contains(word) || _female.Contains(word);

    private (ArticleActor Actor, bool Pronoun)? SpeakerBefore(ArticleContext article, SentenceView view, int verb, ArticleActor? lastSpeaker, bool spokeJustBefore)
    {
        // A pronoun right before the verb ("He further added") continues a speaker of the sentence before, else the person
        // that sentence opens with, else the last speaker or the last person named.
        for (var k = verb - 1; k >= 0 && k >= verb - 3; k--)
        {
            if (view.Quoted[k]) break;
            if (view.Tokens[k].Text is "he" or "He" or "she" or "She")
            {
                var who = (spokeJustBefore ? null : SubjectBefore(article, view)) ?? lastSpeaker ?? article.LastMentioned(view.Index, k, ActorKind.Person);
                return who is null ? null : (who, true);
            }
        }
        // "the party said", "the association said": the party or organisation named last.
        if (verb >= 2 && view.Tokens[verb - 2].Is("the") && _partyNouns.Contains(view.Tokens[verb - 1].Text) && !view.Quoted[verb - 1]
            && verb + 2 < view.Tokens.Length   // ", the party said." at the end attributes a fact; a position follows the verb
            && article.LastMentioned(view.Index, verb - 2, ActorKind.Party, ActorKind.Organization) is { } named)
            return (named, true);
        // "…,” the ministry said.", "the regulator said that …": the state body of that kind the article named last.
        if (verb >= 2 && view.Tokens[verb - 2].Is("the") && !view.Quoted[verb - 1] && BodyNouns.Contains(view.Tokens[verb - 1].Text)
            && LastBody(article, view.Index, view.Tokens[verb - 1].Text) is { } body)
            return IsSubordinate(view, verb - 2) ? null : (body, true);
        // "The information ministry, still loyal to Hamdok, said": the head of an apposition that ends right before the verb.
        if (verb >= 1 && view.Tokens[verb - 1].Text is "," or "—")
        {
            foreach (var m in view.Actors)
            {
                if (m.TokenEnd >= verb - 1 || view.Quoted[m.TokenStart] || !SpeakerKinds.Contains(m.Actor.Kind) || IsModifier(view, m.TokenStart)) continue;
                // "The Bangladesh Nationalist Party (BNP), Jamaat's ally, said": the bracketed acronym belongs to the head.
                var headEnd = m.TokenEnd + 2 < verb && view.Tokens[m.TokenEnd].Text == "(" && view.Tokens[m.TokenEnd + 2].Text == ")" ? m.TokenEnd + 3 : m.TokenEnd;
                // "The Serbia Against Violence coalition, the largest bloc in parliament, said": the group noun after the name
                // belongs to the head.
                if (headEnd < verb - 1 && m.Actor.Kind is not ActorKind.Person && _partyNouns.Contains(view.Tokens[headEnd].Text) && !view.Tokens[headEnd].IsCapitalized) headEnd++;
                if (m.TokenStart > 0 && view.Tokens[m.TokenStart - 1].Text == "(") continue;
                if (view.Tokens[headEnd].Text is not ("," or "—") || view.Tokens[m.TokenEnd - 1].Text != view.Tokens[m.TokenEnd - 1].Norm) continue;
                if (verb - m.TokenEnd > 28 || Enumerable.Range(m.TokenEnd, verb - m.TokenEnd).Any(k => view.Tokens[k].Text is "“" or "”" or "\"" || _speech.Contains(view.Tokens[k].Text))) continue;
                return IsSubordinate(view, m.TokenStart) ? null : (m.Actor, false);
            }
        }
        ActorMention? best = null;
        foreach (var kinds in new[] { new[] { ActorKind.Person }, SpeakerKinds })
        {
            foreach (var m in view.Actors)
            {
                if (m.TokenEnd > verb || view.Quoted[m.TokenStart] || !kinds.Contains(m.Actor.Kind)) continue;
                if (view.Tokens[m.TokenEnd - 1].Text != view.Tokens[m.TokenEnd - 1].Norm) continue;   // "Navalny's team" is not Navalny
                if (!PlausiblySubject(view, m, verb)) continue;
                // "Lyudmila Sorokina, a member of Navalny's team, wrote": the head of the apposition, not a name inside it.
                if (best is { } b && view.Tokens[b.TokenEnd].Text == "," && view.Tokens[verb - 1].Text == "," && m.TokenStart > b.TokenEnd) continue;
                if (best is null || m.TokenEnd > best.Value.TokenEnd) best = m;
            }
            if (best is not null) return IsSubordinate(view, best.Value.TokenStart) ? null : (best.Value.Actor, false);
        }
        return StateBefore(article, view, verb) is { } state ? (state, false) : null;
    }

    /// <summary>
    /// "On Monday evening the United States said": a country taking a position through its government, when no person or
    /// body of the sentence is the speaker. Countries are places to the actor resolver, so the state is found among them.
    /// </summary>
    private static ArticleActor? StateBefore(ArticleContext article, SentenceView view, int verb)
    {
        if (verb < 1 || view.Places.FirstOrDefault(p => p.TokenEnd == verb && p.Entry.Type == Gazetteer.EntryType.Country && !view.Quoted[p.TokenStart]) is not { Entry: not null } state)
            return null;
        if (IsModifier(view, state.TokenStart) || IsSubordinate(view, state.TokenStart)) return null;
        // Alone as the subject: not the end of a longer name ("Amnesty International Nigeria condemned") nor one of a
        // list ("the foreign ministers of Armenia and Azerbaijan said").
        if (state.TokenStart > 0 && view.Tokens[state.TokenStart - 1] is var before && !before.Is("the") && before.Text != ","
            && (before.IsCapitalized || before.Text is "and" or "or" or "nor" or "&")) return null;
        return view.Actors.Any(a => a.TokenEnd == state.TokenStart) ? null : article.CountryActor(state.Entry);
    }

    private static readonly HashSet<string> BodyNouns = new(StringComparer.Ordinal)
    {
        "ministry", "regulator", "agency", "court", "commission", "judiciary", "office", "authority", "council", "department", "embassy", "presidency",
    };

    private static ArticleActor? LastBody(ArticleContext article, int sentence, string noun)
    {
        for (var s = sentence; s >= 0 && s >= sentence - 12; s--)
            for (var k = article.Views[s].Actors.Count - 1; k >= 0; k--)
            {
                var a = article.Views[s].Actors[k].Actor;
                if (a.Kind is ActorKind.GovernmentBody or ActorKind.Organization && a.Name.Contains(noun, StringComparison.OrdinalIgnoreCase)) return a;
            }
        return null;
    }

    // "head of the Center …", "for the party": a name inside a prepositional phrase is not the subject.
    private static bool IsModifier(SentenceView view, int start)
    {
        for (var k = start - 1; k >= 0 && k >= start - 2; k--)
            if (view.Tokens[k].Text is "of" or "for" or "at" or "to" or "from" or "in" or "with" or "by" or "on") return true;
        return false;
    }

    // "… — in which X claims …": speech reported inside a relative clause is background, not a statement of the story.
    private static bool IsSubordinate(SentenceView view, int speakerStart)
    {
        for (var k = speakerStart - 1; k >= 0 && k >= speakerStart - 8; k--)
        {
            var t = view.Tokens[k].Text;
            if (t is "," or ";" or "." or "(") return false;
            if (t is "which" or "whom" or "whose") return true;
        }
        return false;
    }

    /// <summary>
    /// The speech verbs of a sentence, with verbs that frame a quotation ("called the ruling “a burial”", "termed it “a
    /// farce”") when the quotation opens within a few words of them; "called for calm" and "a group called X" are no speech.
    /// </summary>
    private IEnumerable<(int Index, int Length)> SpeechVerbs(SentenceView view)
    {
        var framing = view.Find(_framing)
            .Where(f => Enumerable.Range(f.Index + 1, Math.Min(5, view.Tokens.Length - f.Index - 1)).Any(k => view.Tokens[k].Text is "“" or "\"")
                        && f.Index + 1 < view.Tokens.Length && !view.Tokens[f.Index + 1].Is("for") && !view.Tokens[f.Index + 1].Is("on"));
        return view.Find(_speech).Concat(framing).OrderBy(v => v.Index);
    }

    // "Secretary of State Antony Blinken", "Minister of the Interior Ana Ruiz": an "of" between a capitalized title and
    // the name, with only the portfolio's capitalized words after it, is part of the title.
    private bool InTitle(SentenceView view, int of, int nameStart)
    {
        if (of == 0) return false;
        var title = view.Tokens[of - 1];
        if (!title.IsCapitalized || !(_titles.Contains(title.Text) || _roles.Contains(title.Text.ToLowerInvariant()))) return false;
        return Enumerable.Range(of + 1, nameStart - of - 1).All(k => view.Tokens[k].IsCapitalized || view.Tokens[k].Text == "the");
    }

    // The speaker stands right before the verb, or before an apposition/aside set off by commas.
    private bool PlausiblySubject(SentenceView view, ActorMention m, int verb)
    {
        var gap = verb - m.TokenEnd;
        if (gap > 28) return false;
        for (var k = m.TokenStart - 1; k >= 0 && k >= m.TokenStart - 3 && view.Tokens[k].Text != ","; k--)
            if (view.Tokens[k].Is("of") && !InTitle(view, k, m.TokenStart)) return false;   // "the family of jailed activist X" speaks, not X
        // "Salome Zourabichvili, who has said she will veto the bill, wrote": what a relative aside says is not this verb's.
        var asideEnd = m.TokenEnd + 1 < verb && view.Tokens[m.TokenEnd].Text == "," && view.Tokens[m.TokenEnd + 1].Text is "who" or "which"
            ? Enumerable.Range(m.TokenEnd + 2, Math.Max(0, verb - m.TokenEnd - 2)).FirstOrDefault(k => view.Tokens[k].Text == "," && !view.Quoted[k], m.TokenEnd)
            : m.TokenEnd;
        for (var k = m.TokenEnd; k < verb; k++)
            if (view.Tokens[k].Text is "“" or "”" or "\"" || _speech.Contains(view.Tokens[k].Text) && k > asideEnd) return false;
        // ", the party said." closing a sentence: a definite description cited as the source of a fact.
        if (m.IsPronoun && m.Actor.Kind != ActorKind.Person && verb + 2 >= view.Tokens.Length) return false;
        // "condemned the Hamas attack but warned": a name after an earlier verb of the clause is its object.
        if (Enumerable.Range(view.ClauseStart(m.TokenStart), m.TokenStart - view.ClauseStart(m.TokenStart)).Any(k => _speech.Contains(view.Tokens[k].Text) && !view.Quoted[k])) return false;
        // "The information ministry, still loyal to Hamdok, said": the object of a preposition closing an aside is not who speaks.
        if (gap <= 3 && m.TokenStart > 0 && view.Tokens[m.TokenStart - 1].Text is "to" or "by" or "with" or "from" or "for" or "against"
            && Enumerable.Range(m.TokenEnd, gap).Any(k => view.Tokens[k].Text == ",")) return false;
        if (gap <= 3) return !Enumerable.Range(m.TokenEnd, gap).Any(k => view.Tokens[k].Text is "and" or "that" or "who" or "which" or "of" or "to" or "but");
        return view.Tokens[m.TokenEnd].Text == "," && view.Tokens[verb - 1].Text == ",";
    }

    // Only those who are there because a meeting is: "told journalists" or "told supporters" may be anywhere.
    private static readonly HashSet<string> MeetingAudiences = new(StringComparer.OrdinalIgnoreCase) { "delegates", "participants", "attendees" };

    private static bool ToldAttendees(SentenceView view)
    {
        for (var k = 0; k + 1 < view.Tokens.Length; k++)
        {
            if (view.Quoted[k]) continue;
            var word = view.Tokens[k].Text.ToLowerInvariant();
            if (word is "told" or "addressing" or "addressed" && MeetingAudiences.Contains(view.Tokens[k + 1].Text)) return true;
            // "Speaking by video from Tbilisi, X argued": taking part from afar is speaking to those who are there.
            if (word is "speaking" or "spoke" && RemotePart(view, k + 1)) return true;
        }
        return false;
    }

    private static bool RemotePart(SentenceView view, int at) =>
        at < view.Tokens.Length && view.Tokens[at].Text.ToLowerInvariant() is "remotely" or "online"
        || at + 1 < view.Tokens.Length && view.Tokens[at].Text.ToLowerInvariant() is "by" or "via" or "over" && view.Tokens[at + 1].Text.ToLowerInvariant() is "video" or "videolink" or "video-link" or "zoom" or "satellite";

    private static (ArticleActor Actor, bool Pronoun)? SpeakerAfter(SentenceView view, int afterVerb)
    {
        var m = view.Actors.FirstOrDefault(a => a.TokenStart == afterVerb && a.Actor.Kind == ActorKind.Person);
        return m.Actor is null ? null : (m.Actor, false);
    }

    private StatementDraft? Record(ArticleContext article, SentenceView view, int verb, ArticleActor speaker, bool pronoun, ref HistoricalDate? lastDate, ref int lastDateAt, int verbLength = 1)
    {
        var venue = LinkedConference(article, view);
        // A speaker of the meeting the article reports, first quoted without a day, said it there.
        var attended = article.Conferences.FirstOrDefault(c => c.Actors.Any(a => a.Actor == speaker));
        // "X told delegates in his closing speech", "Addressing participants, X said": speaking to those who attend a meeting
        // is speaking at it, when the article reports one meeting.
        if (venue is null && attended is null && article.Conferences is [{ } only] && ToldAttendees(view)) attended = only;
        var own = view.DateFor(verb, d => IsSayingDate(view, d, verb));
        HistoricalDate? date;
        double dateConfidence;
        var byReport = false;
        if (own is { Date.Precision: DatePrecision.Day }) { date = own.Date; dateConfidence = own.Confidence; }
        // "Addressing the delegates on the closing day": the day the meeting ended.
        else if ((venue ?? attended) is { LastDay: { } last } && view.Has(_closingDay)) { date = last; dateConfidence = 0.75; venue ??= attended; }
        else if (venue is not null) { (date, dateConfidence) = DayAt(article, view, speaker, venue, 0.8); }
        else if (own is not null) { date = own.Date; dateConfidence = own.Confidence; }
        else if (article.Statements.LastOrDefault(s => s.Speaker == speaker) is { } same) { date = same.Date; dateConfidence = 0.75; }
        else if (OccasionBefore(article, view, speaker) is { } occasion) { date = occasion.Date; dateConfidence = 0.7; venue = occasion.Venue; }
        // Same occasion, told on; a new paragraph without a day is a new report, not the last speaker's occasion.
        else if (lastDate is not null && view.Index - lastDateAt <= 3 && (article.Views[lastDateAt].Sentence.Paragraph == view.Sentence.Paragraph || view.Has(_sameOccasion))) { date = lastDate; dateConfidence = 0.65; }
        else if (attended is not null) { (date, dateConfidence) = DayAt(article, view, speaker, attended, 0.65); venue = attended; }
        else if (article.Publication.Day is { } pub) { date = HistoricalDate.OfDay(pub); dateConfidence = 0.6; byReport = true; }   // a fresh report: the day it ran
        else if (lastDate is not null) { date = lastDate; dateConfidence = 0.5; }
        else { date = null; dateConfidence = 0; }
        if (date is null) return null;
        lastDate = date;
        lastDateAt = view.Index;

        // Where it was said: the speaker's country, else the city it was said in, else the article's country.
        var saidIn = SayingPlace(view, verb);
        // An organisation's apposition describes its cause ("a Palestinian solidarity network"), not where it speaks from.
        var apposed = speaker.Kind == ActorKind.Person ? TitledCountry(view, speaker) ?? ApposedCountry(view, speaker) : null;
        var country = (speaker.Known ? speaker.Country ?? apposed : apposed ?? speaker.Country) ?? saidIn?.Country ?? article.MainCountry;
        if (country is null) return null;
        var quotes = view.Quotes();
        var existing = article.Statements.FirstOrDefault(s => s.Speaker == speaker && s.Date == date);
        var draft = existing ?? new StatementDraft
        {
            Speaker = speaker,
            Date = date,
            Country = country.Value,
            Evidence = view,
            Confidence = 0.85 * dateConfidence * (pronoun ? 0.9 : 1.0),
            DatedByReport = byReport,
        };
        if (existing is null)
        {
            article.Statements.Add(draft);
            draft.AddActor(speaker, ActorRole.Speaker);
        }
        foreach (var q in quotes) if (!draft.Quotes.Contains(q)) draft.Quotes.Add(q);
        if (quotes.Count == 0 && draft.Gist is null) draft.Gist = GistOf(view, verb, verbLength);
        foreach (var m in view.Actors)
            if (m.Actor != speaker && m.Actor.Kind != ActorKind.Country) draft.AddActor(m.Actor, ActorRole.Mentioned);
        draft.Venue ??= venue?.Name;
        draft.Place ??= saidIn?.Entry.Name;
        return draft;
    }

    /// <summary>
    /// The nationality in the title written before the speaker's name: "U.S. Secretary of State Antony Blinken",
    /// "Russian Foreign Minister Sergei Lavrov". A country named there without a title after it ("Tajik X") is left to the
    /// other rules.
    /// </summary>
    private CountryCode? TitledCountry(SentenceView view, ArticleActor speaker)
    {
        foreach (var m in view.Actors)
        {
            if (m.Actor != speaker || m.IsPronoun || view.Quoted[m.TokenStart]) continue;
            var from = m.TokenStart;
            while (from > 0 && m.TokenStart - from < 6 && (view.Tokens[from - 1].IsCapitalized || view.Tokens[from - 1].Text is "of" or "the")) from--;
            foreach (var p in view.Places)
            {
                if (p.IsCity || p.Entry.Country is null || p.TokenStart < from || p.TokenEnd >= m.TokenStart) continue;
                var titled = Enumerable.Range(p.TokenEnd, m.TokenStart - p.TokenEnd)
                    .Any(k => view.Tokens[k].IsCapitalized && (_titles.Contains(view.Tokens[k].Text) || _roles.Contains(view.Tokens[k].Text.ToLowerInvariant())));
                if (titled) return p.Country;
            }
            // "U.S. State Department spokesman John Kirby", "Foreign Ministry spokeswoman X": a state body's officer, named by
            // the body and a role right before the name, speaks for the body's state.
            var role = m.TokenStart;
            while (role > 0 && m.TokenStart - role < 3 && (_roles.Contains(view.Tokens[role - 1].Text.ToLowerInvariant()) || _titles.Contains(view.Tokens[role - 1].Text))) role--;
            if (role == m.TokenStart) continue;
            if (view.Actors.FirstOrDefault(b => b.TokenEnd == role && !b.IsPronoun && b.Actor.Kind == ActorKind.GovernmentBody && !view.Quoted[b.TokenStart]) is { Actor.Country: { } bodyCountry })
                return bodyCountry;
        }
        return null;
    }

    /// <summary>
    /// The nationality or office in the speaker's apposition: "the US ambassador, Jane Doe", "Z, the US State Department
    /// spokesman", "Amnesty's director in Beirut, X" (the office's city). The speaker's own country, whatever the article is about.
    /// </summary>
    private static CountryCode? ApposedCountry(SentenceView view, ArticleActor speaker)
    {
        foreach (var m in view.Actors)
        {
            if (m.Actor != speaker || m.IsPronoun || view.Quoted[m.TokenStart]) continue;
            var (from, to) = (-1, -1);
            if (m.TokenStart >= 1 && view.Tokens[m.TokenStart - 1].Text is "," or "—")
            {
                to = m.TokenStart - 1;
                from = to - 1;
                while (from >= 0 && view.Tokens[from].Text is not ("," or ";" or "“" or "”" or "\"" or ":")) from--;
                from++;
                if (to - from > 12) from = -1;
            }
            if (from < 0 && m.TokenEnd < view.Tokens.Length && view.Tokens[m.TokenEnd].Text is "," or "—")
            {
                from = m.TokenEnd + 1;
                to = from;
                while (to < view.Tokens.Length && view.Tokens[to].Text is not ("," or "—" or ";" or "“" or "\"")) to++;
                if (to - from > 12 || to >= view.Tokens.Length) from = -1;
            }
            if (from < 0) continue;
            // "a lawyer living in exile in Istanbul" says where the speaker lives, not whose the speaker is.
            if (Enumerable.Range(from, to - from).Any(k => view.Tokens[k].Is("exile") || view.Tokens[k].Is("living") || view.Tokens[k].Is("based"))) continue;
            foreach (var p in view.Places)
                if (p.TokenStart >= from && p.TokenEnd <= to && p.Entry.Country is not null
                    && (!p.IsCity || (p.TokenStart > 0 && view.Tokens[p.TokenStart - 1].Is("in"))))
                    return p.Country;
            foreach (var a in view.Actors)
                if (a.TokenStart >= from && a.TokenEnd <= to && a.Actor != speaker && a.Actor.Kind is ActorKind.GovernmentBody or ActorKind.Country && a.Actor.Country is not null)
                    return a.Actor.Country;
        }
        return null;
    }

    // "told reporters in Dushanbe": a city after "in", outside quotes, not inside the reported content.
    private static PlaceMention? SayingPlace(SentenceView view, int verb)
    {
        foreach (var p in view.Places)
        {
            if (!p.IsCity || p.TokenStart == 0 || !view.Tokens[p.TokenStart - 1].Is("in") || view.Quoted[p.TokenStart]) continue;
            // "said from exile in Dakar": where an exile lives, not whose the speaker is.
            if (p.TokenStart >= 2 && view.Tokens[p.TokenStart - 2].Is("exile")) continue;
            // "In Moscow, X said" and "In a statement issued in Abuja, X said" place the saying (an opening adverbial);
            // "X, an official living in exile in Istanbul, said" only places the speaker.
            if (p.TokenStart < verb)
                return p.TokenStart == 1 || OpensWithAdverbial(view, p.TokenStart) || !Enumerable.Range(p.TokenEnd, verb - p.TokenEnd).Any(k => view.Tokens[k].Text == ",") ? p : null;
            var content = Enumerable.Range(verb + 1, Math.Max(0, p.TokenStart - verb - 1)).Any(k => view.Tokens[k].Text is "that" or "“" or "\"" or ",");
            if (!content && p.TokenStart - verb <= 5) return p;
        }
        return null;
    }

    private static bool OpensWithAdverbial(SentenceView view, int place) =>
        view.Tokens[0].Text is "In" or "At" or "From" or "Speaking" or "Addressing" or "Writing"
        && !Enumerable.Range(0, place).Any(k => view.Tokens[k].Text is "," or ";" or "“" or "\"");

    // The date of saying stands outside quotes, before the verb or just after it, not inside the reported content.
    private static bool IsSayingDate(SentenceView view, DateMention d, int verb)
    {
        var at = view.TokenAt(d.Start);
        // Before the verb: an opening adverbial ("On Monday, X said"), or in the speaker's own clause; not in an earlier
        // clause of the sentence ("… seats in 2020, but the party said").
        if (at < verb) return at <= 3 || !Enumerable.Range(at, verb - at).Any(k => !view.Quoted[k] && view.Tokens[k].Text is ";" or "but" or "while" or "whereas");
        // "said Miren Etxeberria, a historian at the university, in an interview on Sunday": the speaker after the verb
        // and the apposition that describes them come before the date, and open no content.
        var from = verb + 1;
        if (view.Actors.FirstOrDefault(a => a.TokenStart == verb + 1 && a.Actor.Kind == ActorKind.Person) is { Actor: not null } named)
        {
            from = named.TokenEnd;
            if (from < at && view.Tokens[from].Text == ",")
            {
                var close = Enumerable.Range(from + 1, Math.Max(0, at - from - 1)).FirstOrDefault(k => view.Tokens[k].Text == "," && !view.Quoted[k], -1);
                if (close > 0 && !Enumerable.Range(from + 1, close - from - 1).Any(k => view.Tokens[k].Text is "that" or "he" or "she" or "it" or "they")) from = close + 1;
            }
        }
        // A closed quotation in between ("dismissed the event as a “gathering of traitors” on Friday") does not open the content.
        for (var k = from; k < at; k++)
            if (!view.Quoted[k] && view.Tokens[k].Text is "that" or "," or "he" or "she" or "it" or "they") return false;
        // Near the verb, not counting a quotation in between ("called the ruling “…” in a video message posted late on Friday").
        return Enumerable.Range(from, Math.Max(0, at - from)).Count(k => !view.Quoted[k]) <= 15;
    }

    /// <summary>
    /// The day a speaker spoke at a meeting: the meeting's own date, unless an earlier sentence that tells of the meeting
    /// or calls it by its name puts the speaker there on a later day of it ("X and Y shared a stage at the Munich Security
    /// Conference on Saturday. The three-day conference, which opened on Friday, … X said during the panel": Saturday).
    /// </summary>
    private static (HistoricalDate Date, double Confidence) DayAt(ArticleContext article, SentenceView view, ArticleActor speaker, ConferenceDraft meeting, double confidence)
    {
        var opened = meeting.Date.LowerBound;
        var closed = meeting.LastDay?.LowerBound ?? opened.AddDays(13);
        // The sentences found to tell of the meeting, and those that call it by its own name.
        var tellings = meeting.Mentions.Concat(article.Views.Take(view.Index)
            .Where(v => meeting.HasOwnName && v.Sentence.Text.Contains(meeting.Name, StringComparison.OrdinalIgnoreCase)));
        foreach (var told in tellings)
        {
            if (told.Index >= view.Index || !told.Actors.Any(a => a.Actor == speaker && !told.Quoted[a.TokenStart])) continue;
            var day = told.Dates.FirstOrDefault(d => d.Date is { Precision: DatePrecision.Day } && !d.IsReference && d.Kind != DateMentionKind.Span);
            if (day?.Date is { } on && on.LowerBound > opened && on.LowerBound <= closed) return (on, confidence * 0.95);
        }
        return (meeting.Date, confidence);
    }

    /// <summary>
    /// "Leni Robredo addressed the opening session on Thursday. "…," she said." and "The congress was chaired by Mario
    /// Delgado. "…," Delgado told the delegates.": the sentence before, in the same paragraph and about the same speaker,
    /// sets the occasion: the meeting it names, else the day it gives.
    /// </summary>
    private (HistoricalDate Date, ConferenceDraft? Venue)? OccasionBefore(ArticleContext article, SentenceView view, ArticleActor speaker)
    {
        if (article.BeforeInParagraph(view) is not { } before || !before.Actors.Any(a => a.Actor == speaker && !before.Quoted[a.TokenStart])) return null;
        if (MeetingNamed(article, before) is { } meeting) return (meeting.Date, meeting);
        var day = before.Dates.FirstOrDefault(d => d.Date is { Precision: DatePrecision.Day } && !d.IsReference && d.Kind != DateMentionKind.Span);
        return day?.Date is { } date ? (date, null) : null;
    }

    // "the congress" where the article reports one congress: its noun names it when no other meeting shares that noun.
    private static ConferenceDraft? MeetingNamed(ArticleContext article, SentenceView view)
    {
        for (var i = 0; i + 1 < view.Tokens.Length; i++)
        {
            if (!view.Tokens[i].Is("the") || view.Quoted[i]) continue;
            if (article.OnlyConferenceCalled(view.Tokens[i + 1].Text) is { } named) return named;
        }
        return null;
    }

    private ConferenceDraft? LinkedConference(ArticleContext article, SentenceView view)
    {
        // "Speaking at the GW event", "told the Dortmund conference": the statement was made at that meeting.
        for (var i = 0; i < view.Tokens.Length; i++)
        {
            if (!_venueCues.Contains(view.Tokens[i].Text)) continue;
            for (var k = i + 1; k < Math.Min(view.Tokens.Length, i + 6); k++)
            {
                if (!_conferenceNouns.Contains(view.Tokens[k].Text)) continue;
                var words = Enumerable.Range(i + 1, k - i - 1).Select(j => view.Tokens[j].Norm).ToArray();
                var match = article.Conferences.FirstOrDefault(c => words.Any(w => c.Handles.Contains(w)));
                if (match is not null) return match;
                // "told the congress", "at the online event": the one meeting the article reports.
                if (article.Conferences.Count == 1 && words.All(w => w is "the" or "this" or "that" or "online" or "virtual" or "closing" or "opening")) return article.Conferences[0];
            }
        }
        return null;
    }

    private static string? GistOf(SentenceView view, int verb, int verbLength)
    {
        var text = view.Sentence.Text;
        var last = Math.Min(verb + verbLength, view.Tokens.Length) - 1;
        var rest = text[(view.Tokens[last].End - view.Sentence.Start)..].Trim();
        if (rest.StartsWith("that ", StringComparison.OrdinalIgnoreCase)) rest = rest[5..];
        // "According to X, the vote was rigged": what was said follows the speaker's name and its comma.
        else if (view.Tokens[verb].Is("to") && verb > 0 && view.Tokens[verb - 1].Is("according") && rest.IndexOf(", ", StringComparison.Ordinal) is > 0 and var comma)
            rest = rest[(comma + 2)..];
        // "called on its supporters to stay home": the clause alone would lose what the speaker did (see IndirectSpeech).
        else if (IndirectSpeech.KeepsVerb(view.Tokens[verb].Text))
            rest = text[(view.Tokens[verb].Start - view.Sentence.Start)..].Trim();
        rest = rest.TrimEnd('.', ' ');
        if (rest.Length < 12) return text.Length > 300 ? text[..300] : text;
        return rest.Length > 300 ? rest[..300] : rest;
    }
}
