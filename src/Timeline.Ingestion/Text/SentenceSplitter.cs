using System.Collections.Frozen;
using Timeline.Ingestion.Rules;

namespace Timeline.Ingestion.Text;

/// <summary>
/// Splits an article body into sentences. A period ends a sentence unless it closes an abbreviation ("Mr.", "D.C.")
/// or an initial ("J. Smith"), or sits inside brackets or an open quotation; a blank line or a line break always ends one.
/// </summary>
public sealed class SentenceSplitter
{
    private readonly FrozenSet<string> _abbreviations;
    private readonly FrozenSet<string> _sentenceStarters = new[]
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "This", "That", "These",
        "Those", "His", "Her", "Their", "Its", "According", "However", "Meanwhile", "After", "Before", "When", "While",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static SentenceSplitter Default { get; } = new(Lexicon.Default);

    public SentenceSplitter(Lexicon lexicon) =>
        _abbreviations = lexicon["abbreviations"].Words.ToFrozenSet(StringComparer.Ordinal);

    public List<Sentence> Split(string body)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var start = 0;
        var bracketDepth = 0;
        var inQuote = false;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\n')
            {
                Add(sentences, body, start, i, paragraph);
                // A blank line starts a new paragraph; a single line break (headlines, lists) just ends the sentence.
                var j = i + 1;
                var blank = false;
                while (j < body.Length && char.IsWhiteSpace(body[j]))
                {
                    if (body[j] == '\n') blank = true;
                    j++;
                }
                if (blank) paragraph++;
                start = j;
                i = j;
                bracketDepth = 0;
                inQuote = false;
                continue;
            }
            switch (c)
            {
                case '(' or '[': bracketDepth++; break;
                case ')' or ']': bracketDepth = Math.Max(0, bracketDepth - 1); break;
                case '“': inQuote = true; break;
                case '”': inQuote = false; break;
                case '"': inQuote = !inQuote; break;
            }
            if (c is '.' or '!' or '?' && bracketDepth == 0 && IsBoundary(body, start, i, inQuote))
            {
                var end = i + 1;
                // Closing quotes and brackets belong to the sentence they close.
                while (end < body.Length && body[end] is '”' or '"' or '’' or '\'' or ')' or ']')
                {
                    if (body[end] is '”' or '"') inQuote = false;
                    end++;
                }
                if (!inQuote)
                {
                    Add(sentences, body, start, end, paragraph);
                    start = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        Add(sentences, body, start, body.Length, paragraph);
        return sentences;
    }

    private bool IsBoundary(string body, int sentenceStart, int dot, bool inQuote)
    {
        // Skip "...", "?!" runs: the boundary is at the last mark.
        if (dot + 1 < body.Length && body[dot + 1] is '.' or '!' or '?') return false;
        var next = dot + 1;
        while (next < body.Length && body[next] is '”' or '"' or '’' or '\'' or ')' or ']') next++;
        if (next < body.Length && !char.IsWhiteSpace(body[next])) return false;   // "3.5", "Kun.uz", "U.S.-based"
        while (next < body.Length && body[next] is ' ' or '\t' or '\u00A0') next++;
        if (next >= body.Length || body[next] == '\n') return true;
        var following = body[next];
        if (!(char.IsUpper(following) || char.IsDigit(following) || following is '“' or '"' or '‘' or '(' or '[')) return false;
        if (inQuote) return false;
        if (body[dot] != '.') return true;

        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(body[wordStart - 1]) && body[wordStart - 1] is not ('(' or '“' or '"')) wordStart--;
        var word = body[wordStart..(dot + 1)];
        if (word.Length == 2 && char.IsUpper(word[0])) return false;               // an initial: "J. Smith"
        if (_abbreviations.Contains(word))
        {
            // "D.C." or "U.S." may still end a sentence when a typical sentence opener follows.
            var isDottedAcronym = word.Length >= 4 && word.Count(ch => ch == '.') >= 2;
            if (!isDottedAcronym) return false;
            var nextWordEnd = next;
            while (nextWordEnd < body.Length && char.IsLetter(body[nextWordEnd])) nextWordEnd++;
            return _sentenceStarters.Contains(body[next..nextWordEnd]);
        }
        return true;
    }

    private static void Add(List<Sentence> sentences, string body, int start, int end, int paragraph)
    {
        while (start < end && char.IsWhiteSpace(body[start])) start++;
        while (end > start && char.IsWhiteSpace(body[end - 1])) end--;
        if (end > start) sentences.Add(new Sentence(sentences.Count, start, body[start..end], paragraph));
    }
}
