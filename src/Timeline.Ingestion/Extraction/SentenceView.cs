using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Rules;
using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Extraction;

/// <summary>One sentence with everything the rules need: tokens, dates, actors, places, and which tokens are quoted or bracketed.</summary>
public sealed class SentenceView
{
    public Sentence Sentence { get; }
    public Token[] Tokens { get; }
    public List<DateMention> Dates { get; }
    public List<ActorMention> Actors { get; }
    public List<PlaceMention> Places { get; }
    public bool[] Quoted { get; }
    public bool[] Bracketed { get; }

    public SentenceView(Sentence sentence, List<DateMention> dates, List<ActorMention> actors, List<PlaceMention> places)
    {
        Sentence = sentence;
        Tokens = sentence.Tokens;
        Dates = dates;
        Actors = actors;
        Places = places;
        Quoted = new bool[Tokens.Length];
        Bracketed = new bool[Tokens.Length];
        var inQuote = false;
        var depth = 0;
        for (var i = 0; i < Tokens.Length; i++)
        {
            var t = Tokens[i].Text;
            if (t == "“" || t == "\"" && !inQuote) { inQuote = true; Quoted[i] = true; continue; }
            if (t == "”" || t == "\"" && inQuote) { Quoted[i] = true; inQuote = false; continue; }
            if (t is "(" or "[") depth++;
            Quoted[i] = inQuote;
            Bracketed[i] = depth > 0;
            if (t is ")" or "]") depth = Math.Max(0, depth - 1);
        }
        // An opening quote that never closes in this sentence quotes nothing we can trust: treat as unquoted.
        if (inQuote)
        {
            var last = Array.LastIndexOf(Tokens.Select(t => t.Text).ToArray(), "“");
            if (last < 0) last = Array.LastIndexOf(Tokens.Select(t => t.Text).ToArray(), "\"");
            for (var i = Math.Max(0, last); i < Tokens.Length; i++) Quoted[i] = false;
        }
    }

    public int Index => Sentence.Index;

    /// <summary>
    /// "ACCRA, June 7 (TW) — …": true for a token of the dateline (where and when the report was filed, before the dash) of
    /// the article's first sentence, or of its second when the first is a plain-text headline.
    /// </summary>
    public bool InDateline(int token)
    {
        if (Sentence.Index > 1 || Tokens.Length == 0) return false;
        var first = Tokens[0].Text;
        if (first.Count(char.IsLetter) < 3 || first.Any(char.IsLower)) return false;
        for (var k = 1; k < Tokens.Length && k <= 15; k++)
            if (Tokens[k].Text is "—" or "–" or "-") return token < k;
        return false;
    }

    /// <summary>The verbatim quotations of the sentence (text between quotation marks), of three words or more.</summary>
    public List<string> Quotes()
    {
        var result = new List<string>();
        var text = Sentence.Text;
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (!Quoted[i] || Tokens[i].Text is not ("“" or "\"")) continue;
            var j = i + 1;
            while (j < Tokens.Length && Quoted[j] && Tokens[j].Text is not ("”" or "\"")) j++;
            if (j - i - 1 >= 3)
            {
                var start = Tokens[i + 1].Start - Sentence.Start;
                var end = (j < Tokens.Length ? Tokens[j].Start : Tokens[^1].End) - Sentence.Start;
                result.Add(text[start..end].Trim().TrimEnd(',').Trim());
            }
            i = j;
        }
        return result;
    }

    /// <summary>Index of the first clause boundary before <paramref name="i"/> (comma, semicolon, quote mark, dash) + 1.</summary>
    public int ClauseStart(int i)
    {
        for (var k = i - 1; k >= 0; k--)
            if (Tokens[k].Text is "," or ";" or ":" or "—" or "–" or "“" or "”" or "(" or ")") return k + 1;
        return 0;
    }

    /// <summary>True when a cue (word or phrase) of <paramref name="cues"/> occurs in the <paramref name="window"/> tokens before <paramref name="i"/>, within its clause.</summary>
    public bool CueBefore(WordSet cues, int i, int window = 7, bool stopAtClause = true)
    {
        var from = Math.Max(stopAtClause ? ClauseStart(i) : 0, i - window);
        for (var k = from; k < i; k++)
        {
            if (cues.Contains(Tokens[k].Text)) return true;
            if (Tokens[k].Text.EndsWith("n't", StringComparison.OrdinalIgnoreCase) && cues.Contains("n't")) return true;
            foreach (var phrase in cues.Phrases)
                if (PhraseAt(k, phrase) && k + phrase.Length <= i) return true;
        }
        return false;
    }

    public bool PhraseAt(int i, string[] phrase)
    {
        if (i + phrase.Length > Tokens.Length) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (!string.Equals(Tokens[i + k].Text, phrase[k], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private string[]? FirstPhraseAt(int i, IReadOnlyList<string[]> phrases)
    {
        foreach (var phrase in phrases)
            if (PhraseAt(i, phrase)) return phrase;
        return null;
    }

    /// <summary>Token indexes where a word or phrase of <paramref name="set"/> starts (outside quotes unless asked), with the phrase length.</summary>
    public IEnumerable<(int Index, int Length)> Find(WordSet set, bool includeQuoted = false)
    {
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (!includeQuoted && Quoted[i]) continue;
            // Only the phrases that start with this token's word: trying every phrase at every token was most of the
            // time the rules spent finding their trigger words.
            var phrase = FirstPhraseAt(i, set.PhrasesStartingWith(Tokens[i].Text));
            if (phrase is not null) { yield return (i, phrase.Length); i += phrase.Length - 1; continue; }
            if (set.Contains(Tokens[i].Text)) yield return (i, 1);
        }
    }

    public bool Has(WordSet set, bool includeQuoted = false) => Find(set, includeQuoted).Any();

    /// <summary>Token index at a character offset in the article body.</summary>
    public int TokenAt(int charOffset)
    {
        for (var i = 0; i < Tokens.Length; i++)
            if (Tokens[i].End > charOffset) return i;
        return Tokens.Length - 1;
    }

    /// <summary>
    /// The date of an event whose trigger is token <paramref name="trigger"/>: the nearest date mention outside quotes and
    /// brackets that is not a span or a reference point ("after … March 2015").
    /// </summary>
    private static readonly HashSet<string> RelativeWords = new(StringComparer.OrdinalIgnoreCase) { "that", "which", "who", "whose", "whom", "where", "when" };

    /// <summary>
    /// True when a relative clause (or a semicolon) opens between the trigger and the date ("dissolved Samidoun, a network that celebrated the
    /// October 7 attack"; "a chapter that began in 1988"): that date belongs to the clause, not to the trigger.
    /// </summary>
    public bool InOtherClause(int trigger, int at)
    {
        var (from, to) = trigger < at ? (trigger + 1, at) : (at + 1, trigger);
        for (var k = from; k < to && k < Tokens.Length; k++)
        {
            if (Quoted[k]) continue;
            if (Tokens[k].Text == ";") return true;
            // "ordered that the Centre, a group that kept lists, be shut down": a clause closed by a comma before the
            // other end is an aside, and the two still belong together.
            if (RelativeWords.Contains(Tokens[k].Text) && !Enumerable.Range(k + 1, Math.Max(0, to - k - 1)).Any(j => Tokens[j].Text == "," && !Quoted[j])) return true;
        }
        return false;
    }

    /// <summary>
    /// True when <paramref name="at"/> lies in a relative aside set off by commas that does not hold <paramref name="trigger"/>:
    /// "The front, which won the December 1991 elections, was dissolved in March 1992": the aside's date is not the ban's.
    /// </summary>
    public bool InAsideWithout(int at, int trigger)
    {
        var open = -1;
        for (var k = at - 1; k >= 0; k--)
        {
            if (Quoted[k] || Tokens[k].Text != ",") continue;
            open = k;
            break;
        }
        if (open < 0 || open + 1 >= Tokens.Length || !RelativeWords.Contains(Tokens[open + 1].Text)) return false;
        var close = -1;
        for (var k = at + 1; k < Tokens.Length; k++)
        {
            if (Quoted[k] || Tokens[k].Text != ",") continue;
            close = k;
            break;
        }
        return close > 0 && (trigger < open || trigger > close);
    }

    /// <summary>True when a semicolon stands between two tokens: "…; Group 24 was banned in 2014" is a sentence of its own.</summary>
    public bool AcrossSemicolon(int a, int b)
    {
        var (from, to) = a < b ? (a + 1, b) : (b + 1, a);
        for (var k = from; k < to && k < Tokens.Length; k++)
            if (Tokens[k].Text == ";" && !Quoted[k]) return true;
        return false;
    }

    public DateMention? DateFor(int trigger, Func<DateMention, bool>? accept = null)
    {
        DateMention? best = null;
        var bestDistance = int.MaxValue;
        foreach (var d in Dates)
        {
            if (d.Date is null || d.IsReference || d.Kind == DateMentionKind.Span) continue;
            var at = TokenAt(d.Start);
            if (Quoted[at] || Bracketed[at]) continue;
            if (accept is not null && !accept(d)) continue;
            var distance = Math.Abs(at - trigger) + (InOtherClause(trigger, at) || InAsideWithout(at, trigger) ? 20 : 0);
            if (distance < bestDistance) { best = d; bestDistance = distance; }
        }
        return best;
    }
}
