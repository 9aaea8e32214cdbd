using System.Text.RegularExpressions;
using Timeline.Domain.Dates;
using Timeline.Projections.Model;

namespace Timeline.Projections.ActorDirectory;

/// <summary>One actor of the directory: every name it was reported under, its kind, how often and when it appears.</summary>
public sealed record DirectoryActor
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>Every name seen for the id, with how many events used it.</summary>
    public required IReadOnlyDictionary<string, int> Names { get; init; }
    public required int EventCount { get; init; }
    public required HistoricalDate First { get; init; }
    public required HistoricalDate Last { get; init; }

    /// <summary>The name most reports use; on a tie the fuller one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => Names.OrderByDescending(n => n.Value).ThenByDescending(n => n.Key.Length).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key;

    /// <summary>
    /// Names known for the id outside the log (<see cref="KnownActorNames"/>), added by queries; not stored, so the
    /// folded directory stays a pure function of the log.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> KnownNames { get; init; } = [];

    /// <summary>The other names, reported or known, alphabetically.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Aliases
    {
        get
        {
            var name = Name;
            return Names.Keys.Concat(KnownNames).Where(n => n != name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }
    }
}

/// <summary>The ActorDirectory projection's fold and the lookup keys (names, acronyms) it indexes.</summary>
public static partial class ActorDirectoryFold
{
    public static DirectoryActor Apply(DirectoryActor? current, EntryActor actor, HistoricalDate occurred)
    {
        if (current is null)
            return new DirectoryActor
            {
                Id = actor.Id,
                Kind = actor.Kind,
                Names = new Dictionary<string, int>(StringComparer.Ordinal) { [actor.Name] = 1 },
                EventCount = 1,
                First = occurred,
                Last = occurred,
            };
        var names = new Dictionary<string, int>(current.Names, StringComparer.Ordinal);
        names[actor.Name] = names.GetValueOrDefault(actor.Name) + 1;
        return current with
        {
            Names = names,
            EventCount = current.EventCount + 1,
            First = occurred < current.First ? occurred : current.First,
            Last = occurred.UpperBound > current.Last.UpperBound ? occurred : current.Last,
        };
    }

    /// <summary>
    /// <see cref="Apply"/> for a fold that keeps its actors to itself (a key-by-key rebuild's read pass): the same
    /// result, but one actor is updated in place instead of copying its names for every report that mentions it,
    /// which was a third of everything that pass allocated (about 1 KB per event).
    /// </summary>
    internal sealed class Tally
    {
        private readonly string _id;
        private readonly string _kind;
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private int _eventCount;
        private HistoricalDate _first;
        private HistoricalDate _last;

        public Tally(EntryActor actor, HistoricalDate occurred)
        {
            _id = actor.Id;
            _kind = actor.Kind;
            _names[actor.Name] = 1;
            _eventCount = 1;
            _first = occurred;
            _last = occurred;
        }

        public void Add(EntryActor actor, HistoricalDate occurred)
        {
            // As Apply: the first kind stays; a new name goes last, so the names keep Apply's order.
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_names, actor.Name, out _);
            count++;
            _eventCount++;
            if (occurred < _first) _first = occurred;
            if (occurred.UpperBound > _last.UpperBound) _last = occurred;
        }

        public DirectoryActor ToActor() => new()
        {
            Id = _id,
            Kind = _kind,
            Names = _names,
            EventCount = _eventCount,
            First = _first,
            Last = _last,
        };
    }

    /// <summary>
    /// What a user may type to find an actor, normalized: its id, each name, the acronym in parentheses
    /// ("… (IRPT)") and the initials of a multi-word name ("Islamic Renaissance Party of Tajikistan" → "irpt").
    /// </summary>
    public static IEnumerable<string> LookupKeys(string id, string name)
    {
        yield return NormalizeKey(id);
        yield return NormalizeKey(name);
        var m = Parenthesized().Match(name);
        if (m.Success)
        {
            yield return NormalizeKey(m.Groups[1].Value);
            yield return NormalizeKey(name[..m.Index]);
        }
        var words = Word().Matches(m.Success ? name[..m.Index] : name).Select(w => w.Value).ToList();
        var significant = words.Where(w => !MinorWords.Contains(w.ToLowerInvariant())).ToList();
        if (significant.Count >= 2) yield return string.Concat(significant.Select(w => char.ToLowerInvariant(w[0])));
    }

    /// <summary>Lower-case letters and digits separated by single spaces: "Muhiddin  Kabiri" → "muhiddin kabiri", "irpt" → "irpt".</summary>
    public static string NormalizeKey(string text)
    {
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = new System.Text.StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && chars.Length > 0) chars.Append(' ');
                space = false;
                chars.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\'' and not '\u2019')
            {
                space = true;
            }
        }
        return chars.ToString();
    }

    private static readonly HashSet<string> MinorWords = ["of", "the", "for", "and", "in", "on", "at", "de", "du", "la"];

    [GeneratedRegex(@"\(([^()]{2,40})\)\s*$")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
