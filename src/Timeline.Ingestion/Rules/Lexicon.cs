using System.Collections.Frozen;

namespace Timeline.Ingestion.Rules;

/// <summary>
/// The word lists the rules use (speech verbs, negation cues, designations, …), read from <c>Data/lexicon.txt</c>.
/// Single words go into sets; multi-word entries into phrase lists matched on token sequences.
/// </summary>
public sealed class Lexicon
{
    private readonly Dictionary<string, List<string>> _sections;
    private readonly Dictionary<string, WordSet> _sets = new();

    public static Lexicon Default { get; } = Load(DataFiles.Lines("lexicon.txt"));

    private Lexicon(Dictionary<string, List<string>> sections)
    {
        _sections = sections;
        foreach (var (name, entries) in sections)
        {
            var caseSensitive = name is "abbreviations" or "person-titles" or "org-heads" or "name-stopwords" or "portfolios";
            _sets[name] = new WordSet(entries, caseSensitive, splitWords: name is not ("designations" or "government-bodies" or "explanation-cues" or "networks" or "org-heads"));
        }
    }

    public static Lexicon Load(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = [];
                sections[line[1..^1]] = current;
                continue;
            }
            if (current is null) throw new FormatException($"Lexicon line '{line}' comes before any [section].");
            current.Add(line);
        }
        return new Lexicon(sections);
    }

    public WordSet this[string section] =>
        _sets.TryGetValue(section, out var set) ? set : throw new KeyNotFoundException($"The lexicon has no [{section}] section.");

    /// <summary>The raw lines of a section (for tab-separated sections such as [networks]).</summary>
    public IReadOnlyList<string> RawLines(string section) =>
        _sections.TryGetValue(section, out var lines) ? lines : throw new KeyNotFoundException($"The lexicon has no [{section}] section.");
}

/// <summary>Words and phrases of one lexicon section.</summary>
public sealed class WordSet
{
    private readonly FrozenSet<string> _words;
    /// <summary>Phrases of several words, each as its words, longest first.</summary>
    public IReadOnlyList<string[]> Phrases { get; }
    public bool CaseSensitive { get; }

    public WordSet(IEnumerable<string> lines, bool caseSensitive, bool splitWords)
    {
        CaseSensitive = caseSensitive;
        var comparer = caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var words = new HashSet<string>(comparer);
        var phrases = new List<string[]>();
        foreach (var line in lines)
        {
            var entries = splitWords ? SplitEntries(line) : [line.Split('\t')[0]];
            foreach (var entry in entries)
            {
                var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 1) words.Add(parts[0]);
                else if (parts.Length > 1) phrases.Add(parts);
            }
        }
        _words = words.ToFrozenSet(comparer);
        Phrases = phrases.OrderByDescending(p => p.Length).ToArray();
        // Phrases are matched ignoring case (SentenceView.PhraseAt) whatever the set's own casing.
        _phrasesByFirstWord = Phrases.GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    private readonly FrozenDictionary<string, string[][]> _phrasesByFirstWord;

    /// <summary>The phrases whose first word is <paramref name="word"/> (ignoring case), longest first.</summary>
    public IReadOnlyList<string[]> PhrasesStartingWith(string word) =>
        _phrasesByFirstWord.TryGetValue(word, out var phrases) ? phrases : [];

    // Entries are separated by spaces; '_' joins the words of one phrase ("took_place").
    private static IEnumerable<string> SplitEntries(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Replace('_', ' '));

    public bool Contains(string word) => _words.Contains(word);
    public IEnumerable<string> Words => _words;
}
