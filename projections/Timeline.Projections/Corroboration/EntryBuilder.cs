using System.Runtime.CompilerServices;
using Timeline.Domain.Dates;
using Timeline.Projections.Model;

namespace Timeline.Projections.Corroboration;

/// <summary>How a new report relates to an existing entry with the same key.</summary>
public enum Match
{
    /// <summary>A different real-world event.</summary>
    None,
    /// <summary>The same event, with a date that agrees: the entry may become more precise.</summary>
    Agrees,
    /// <summary>Otherwise the same event, but the date cannot be reconciled: kept, and the entry is disputed.</summary>
    Disputes,
}

/// <summary>
/// The corroboration fold. An entry is a pure function of its sources in log order; a new source joins the
/// first entry (in creation order) it agrees with, else the first it disputes, else starts an entry.
/// Because the fold only ever looks at entries of the same key, folding the whole log at once (replay),
/// batch by batch (live) or only the sources visible at a position (as-of) gives the same entries.
/// </summary>
public static class EntryBuilder
{
    /// <summary>
    /// Days between two non-overlapping dates for them still to be the same event told differently (disputed).
    /// Kept short on purpose: a party banned in 2014 and again in 2016 is two bans, not one disputed ban.
    /// </summary>
    public static int DisputeWindowDays(string type) => type switch
    {
        "PartyBanned" => 31,
        "ConferenceHeld" => 14,
        "InternetOutage" => 2,
        _ => -1, // statements on different dates are different statements
    };

    /// <summary>How far from a source's date an entry of the same key can be and still matter to it.</summary>
    public static int SearchWindowDays(string type) => Math.Max(0, DisputeWindowDays(type));

    /// <summary>
    /// The dates an entry may have and still be the home of <paramref name="source"/>: when its date is outside,
    /// <see cref="Compare"/> says <see cref="Match.None"/> whatever the rest of the entry is, so a replay need not
    /// read that entry back to find out.
    /// </summary>
    public static DateWindow WindowOf(EntrySource source) =>
        new(source.Occurred.LowerBound.DayNumber, source.Occurred.UpperBound.DayNumber, DisputeWindowDays(source.Type));

    public static Match Compare(TimelineEntry entry, EntrySource source)
    {
        if (entry.Key != source.Key) return Match.None;
        if (!WindowOf(source).Admits(entry.Occurred.LowerBound.DayNumber, entry.Occurred.UpperBound.DayNumber)) return Match.None;
        if (source.Type == "StatementMade")
            return entry.Occurred.Overlaps(source.Occurred) && entry.Sources.Any(s => TextOverlaps(s, source)) ? Match.Agrees : Match.None;

        if (source.Type == "ConferenceHeld" && !entry.Sources.Any(s => NamesOverlap(s.Name, source.Name)))
            return Match.None;
        if (entry.Occurred.Overlaps(source.Occurred)) return Match.Agrees;

        var window = DisputeWindowDays(source.Type);
        if (window < 0) return Match.None;
        return GapInDays(entry.Occurred, source.Occurred) <= window ? Match.Disputes : Match.None;
    }

    /// <summary>The entry among <paramref name="candidates"/> (in creation order) that <paramref name="source"/> joins, if any.</summary>
    public static TimelineEntry? FindHome(IEnumerable<TimelineEntry> candidates, EntrySource source)
    {
        TimelineEntry? disputed = null;
        foreach (var entry in candidates)
        {
            var match = Compare(entry, source);
            if (match == Match.Agrees) return entry;
            if (match == Match.Disputes) disputed ??= entry;
        }
        return disputed;
    }

    /// <summary>Folds sources (in log order) into entries; the order of the result is creation order.</summary>
    public static List<TimelineEntry> Cluster(IEnumerable<EntrySource> sourcesInLogOrder)
    {
        var entries = new List<TimelineEntry>();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var source in sourcesInLogOrder)
        {
            if (!byKey.TryGetValue(source.Key, out var indexes)) byKey[source.Key] = indexes = [];
            var home = FindHome(indexes.Select(i => entries[i]), source);
            if (home is null)
            {
                indexes.Add(entries.Count);
                entries.Add(Build([source]));
            }
            else
            {
                var at = entries.IndexOf(home);
                entries[at] = Joined(home, source);
            }
        }
        return entries;
    }

    /// <summary>The entry <paramref name="home"/> becomes when <paramref name="source"/> (later in the log) joins it.</summary>
    public static TimelineEntry Joined(TimelineEntry home, EntrySource source)
    {
        // Entries that gather hundreds of reports are joined again and again: the fold that made the home entry goes on
        // from where it stopped, instead of starting over from every source.
        var fold = EntryFold.Of(home.Sources) ?? new EntryFold(home.Sources);
        fold.Add(source);
        return fold.ToEntry();
    }

    /// <summary>Derives an entry from its sources (log order): the first source and every later one that agrees set the date.</summary>
    public static TimelineEntry Build(IReadOnlyList<EntrySource> sources)
    {
        if (sources.Count == 0) throw new ArgumentException("An entry needs at least one source.", nameof(sources));
        var first = sources[0];
        if (sources.Count == 1)
        {
            // Most entries have one report: the same result as below without the grouping work (replay speed).
            return new TimelineEntry
            {
                Id = first.EventId.ToString("N"),
                Key = first.Key,
                Type = first.Type,
                Country = first.Country,
                Occurred = first.Occurred,
                Place = string.IsNullOrEmpty(first.Place) ? null : first.Place,
                Summary = first.Summary,
                Actors = DistinctActors(first.Actors),
                Sources = sources,
                Corroboration = 1,
                Disputed = false,
                Confidence = Math.Round(Math.Clamp(first.Confidence, 0, 1), 3),
                Cameo = first.Cameo,
            };
        }
        return new EntryFold(sources).ToEntry();
    }

    /// <summary>
    /// The fold of an entry's sources, one source at a time: the agreed date, who agrees and who disputes, the actors in
    /// order of first mention, each article's most confident report and the headline. <see cref="ToEntry"/> gives the
    /// same entry as folding all sources at once; each entry it gives sees only the sources added before it.
    /// </summary>
    private sealed class EntryFold
    {
        // The fold of each entry's source list, so that joining that entry again goes on from it.
        private static readonly ConditionalWeakTable<IReadOnlyList<EntrySource>, EntryFold> Folds = new();

        private readonly List<EntrySource> _sources;
        private readonly EntrySource _first;
        private readonly AgreedDate _occurred;
        private readonly List<EntrySource> _disputing = [];
        private readonly List<EntryActor> _actors = [];
        private readonly HashSet<string> _actorIds = new(StringComparer.Ordinal);
        private IReadOnlyList<EntryActor>? _actorsGiven;
        // Each article counts once, with its most confident report (in order of each article's first report).
        private readonly Dictionary<string, int> _articleAt = new(StringComparer.Ordinal);
        private readonly List<double> _byArticle = [];
        private EntrySource _headline;
        private string? _place;

        public EntryFold(IReadOnlyList<EntrySource> sources)
        {
            _sources = new List<EntrySource>(Math.Max(4, sources.Count * 2));
            _first = sources[0];
            _occurred = new AgreedDate(_first);
            _headline = _first;
            Take(_first, agrees: true);
            for (var i = 1; i < sources.Count; i++) Add(sources[i]);
        }

        public static EntryFold? Of(IReadOnlyList<EntrySource> sources) =>
            Folds.TryGetValue(sources, out var fold) && fold._sources.Count == sources.Count ? fold : null;

        public void Add(EntrySource source) => Take(source, _occurred.Admits(source));

        private void Take(EntrySource source, bool agrees)
        {
            _sources.Add(source);
            if (agrees)
            {
                // The most confident agreeing report, the earliest of equals; the first agreeing place.
                if (source.Confidence > _headline.Confidence) _headline = source;
                if (_place is null && !string.IsNullOrEmpty(source.Place)) _place = source.Place;
            }
            else _disputing.Add(source);
            foreach (var a in source.Actors)
                if (_actorIds.Add(a.Id))
                {
                    _actors.Add(a);
                    _actorsGiven = null;
                }
            if (_articleAt.TryGetValue(source.ArticleId, out var at)) _byArticle[at] = Math.Max(_byArticle[at], source.Confidence);
            else
            {
                _articleAt[source.ArticleId] = _byArticle.Count;
                _byArticle.Add(source.Confidence);
            }
        }

        public TimelineEntry ToEntry()
        {
            // Independent reports make the event likelier.
            var doubt = 1.0;
            foreach (var c in _byArticle) doubt *= 1 - Math.Clamp(c, 0, 1);
            var sources = new SourcesSoFar(_sources, _sources.Count);
            Folds.AddOrUpdate(sources, this);
            return new TimelineEntry
            {
                Id = _first.EventId.ToString("N"),
                Key = _first.Key,
                Type = _first.Type,
                Country = _first.Country,
                Occurred = _occurred.Date,
                Place = _place,
                Summary = _headline.Summary,
                Actors = _actorsGiven ??= _actors.ToArray(),
                Sources = sources,
                Corroboration = _byArticle.Count,
                Disputed = _disputing.Count > 0,
                DisputedDates = _disputing.Count == 0
                    ? []
                    : new[] { _occurred.Date.ToEdtf() }.Concat(_disputing.Select(s => s.Occurred.ToEdtf())).Distinct().ToArray(),
                Confidence = Math.Round(1 - doubt, 3),
                Cameo = _first.Cameo,
            };
        }
    }

    /// <summary>The first <paramref name="count"/> sources of a list that only grows: what an entry had when it was made.</summary>
    private sealed class SourcesSoFar(List<EntrySource> all, int count) : IReadOnlyList<EntrySource>
    {
        public int Count => count;

        public EntrySource this[int index] => (uint)index < (uint)count ? all[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<EntrySource> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return all[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static IReadOnlyList<EntryActor> DistinctActors(IReadOnlyList<EntryActor> actors)
    {
        for (var i = 1; i < actors.Count; i++)
            for (var j = 0; j < i; j++)
                if (actors[i].Id == actors[j].Id)
                    return actors.DistinctBy(a => a.Id).ToList();
        return actors;
    }

    /// <summary>
    /// The narrowest date that agrees with every other agreeing report ("2015" and "late September 2015" → late
    /// September 2015). Never narrower than a source: a day is never invented.
    /// </summary>
    public static HistoricalDate MostPrecise(IReadOnlyList<EntrySource> agreeing)
    {
        HistoricalDate? best = null;
        foreach (var candidate in agreeing.Select(s => s.Occurred).OrderBy(d => d.SpanInDays).ThenBy(d => d.IsApproximate))
        {
            if (agreeing.All(s => s.Occurred.Overlaps(candidate)))
            {
                best = candidate;
                break;
            }
        }
        return best ?? agreeing[0].Occurred;
    }

    /// <summary>
    /// <see cref="MostPrecise"/> folded one agreeing report at a time, in the same order and with the same result, but
    /// without sorting all agreeing dates again for each one: entries that gather hundreds of reports are rebuilt on
    /// every join. A date overlaps every agreeing date exactly when it reaches the latest lower bound and the earliest
    /// upper bound among them; those two only tighten, so the best date stays best until it stops reaching them.
    /// </summary>
    private sealed class AgreedDate
    {
        private readonly List<(HistoricalDate Date, int Lo, int Hi)> _agreeing = [];
        private int _latestLo = int.MinValue, _earliestHi = int.MaxValue;
        private int _best = -1;

        public AgreedDate(EntrySource first) => Add(first.Occurred);

        /// <summary>The date the agreeing reports support; the first report's date when none overlaps them all.</summary>
        public HistoricalDate Date => _best >= 0 ? _agreeing[_best].Date : _agreeing[0].Date;

        /// <summary>Adds <paramref name="source"/> when it overlaps the current date (it agrees); false when it disputes it.</summary>
        public bool Admits(EntrySource source)
        {
            var current = Date;
            if (!source.Occurred.Overlaps(current)) return false;
            Add(source.Occurred);
            return true;
        }

        private void Add(HistoricalDate date)
        {
            var lo = date.LowerBound.DayNumber;
            var hi = date.UpperBound.DayNumber;
            _agreeing.Add((date, lo, hi));
            _latestLo = Math.Max(_latestLo, lo);
            _earliestHi = Math.Min(_earliestHi, hi);
            var added = _agreeing.Count - 1;
            if (_best >= 0 && OverlapsAll(_best))
            {
                if (OverlapsAll(added) && Before(added, _best)) _best = added;
                return;
            }
            _best = -1;
            for (var i = 0; i < _agreeing.Count; i++)
                if (OverlapsAll(i) && (_best < 0 || Before(i, _best))) _best = i;
        }

        private bool OverlapsAll(int i) => _agreeing[i].Lo <= _earliestHi && _agreeing[i].Hi >= _latestLo;

        /// <summary>The order of <see cref="MostPrecise"/>: narrower first, then exact before approximate, then earlier.</summary>
        private bool Before(int a, int b)
        {
            var spanA = _agreeing[a].Hi - _agreeing[a].Lo;
            var spanB = _agreeing[b].Hi - _agreeing[b].Lo;
            if (spanA != spanB) return spanA < spanB;
            var approxA = _agreeing[a].Date.IsApproximate;
            var approxB = _agreeing[b].Date.IsApproximate;
            if (approxA != approxB) return !approxA;
            return a < b;
        }
    }

    private static int GapInDays(HistoricalDate a, HistoricalDate b)
    {
        if (a.Overlaps(b)) return 0;
        return a.UpperBound < b.LowerBound
            ? b.LowerBound.DayNumber - a.UpperBound.DayNumber
            : a.LowerBound.DayNumber - b.UpperBound.DayNumber;
    }

    /// <summary>Two reports of statements are one statement when their quoted words (or gists) largely overlap.</summary>
    public static bool TextOverlaps(EntrySource a, EntrySource b)
    {
        var wa = Words(a);
        var wb = Words(b);
        if (wa.Count == 0 || wb.Count == 0) return wa.Count == 0 && wb.Count == 0;
        var shared = wa.Count(wb.Contains);
        return shared * 2 >= Math.Min(wa.Count, wb.Count);
    }

    private static bool NamesOverlap(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) return true;
        var wa = Tokenize(a);
        var wb = Tokenize(b);
        if (wa.Count == 0 || wb.Count == 0) return true;
        return wa.Overlaps(wb);
    }

    private static HashSet<string> Words(EntrySource s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in s.Quotes) set.UnionWith(Tokenize(q));
        if (s.Gist is { } gist) set.UnionWith(Tokenize(gist));
        return set;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "that", "this", "with", "from", "are", "was", "were", "has", "have", "had", "not", "but",
        "its", "his", "her", "their", "they", "will", "would", "been", "which", "who", "about", "into", "our", "all",
    };

    private static HashSet<string> Tokenize(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            if (!letter && start >= 0)
            {
                if (i - start >= 3)
                {
                    var word = text[start..i].ToLowerInvariant();
                    if (!StopWords.Contains(word)) set.Add(word);
                }
                start = -1;
            }
        }
        return set;
    }
}

/// <summary>
/// A source's date as day numbers (<see cref="Lo"/>..<see cref="Hi"/>) and how many days apart a date may be and
/// still be disputed rather than unrelated (<see cref="Gap"/>; negative when only overlapping dates match).
/// </summary>
public readonly record struct DateWindow(int Lo, int Hi, int Gap)
{
    /// <summary>Whether an entry dated <paramref name="lo"/>..<paramref name="hi"/> (day numbers) may match.</summary>
    public bool Admits(int lo, int hi)
    {
        if (lo <= Hi && Lo <= hi) return true;
        if (Gap < 0) return false;
        return (hi < Lo ? Lo - hi : lo - Hi) <= Gap;
    }
}
