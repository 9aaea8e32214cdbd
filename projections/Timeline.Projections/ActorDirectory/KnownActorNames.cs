using System.Collections.Frozen;

namespace Timeline.Projections.ActorDirectory;

/// <summary>
/// Names actors are known by outside the log: reference data such as the ingestion gazetteer ("IRPT" and
/// "Islamic Renascence Party" are names of <c>irpt</c> even if no article used them). The directory's queries accept
/// them and report them as aliases. They are applied at query time, not folded into the read model, so a better
/// alias list takes effect at the next start without a replay. Small (hundreds of actors): lookups are in memory.
/// </summary>
public sealed class KnownActorNames
{
    private readonly FrozenDictionary<string, string[]> _namesById;
    /// <summary>Lookup key (see <see cref="ActorDirectoryFold.LookupKeys"/>) → actor ids.</summary>
    private readonly FrozenDictionary<string, string[]> _idsByKey;

    public static KnownActorNames None { get; } = new([]);

    /// <param name="actors">Each actor's id and its names, display name first.</param>
    public KnownActorNames(IEnumerable<(string Id, IReadOnlyList<string> Names)> actors)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var keys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (id, actorNames) in actors)
        {
            if (!names.TryGetValue(id, out var list)) names[id] = list = [];
            foreach (var name in actorNames)
            {
                if (string.IsNullOrWhiteSpace(name) || list.Contains(name)) continue;
                list.Add(name);
                foreach (var key in ActorDirectoryFold.LookupKeys(id, name))
                {
                    if (key.Length == 0) continue;
                    if (!keys.TryGetValue(key, out var ids)) keys[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                    ids.Add(id);
                }
            }
        }
        _namesById = names.ToFrozenDictionary(n => n.Key, n => n.Value.ToArray(), StringComparer.Ordinal);
        _idsByKey = keys.ToFrozenDictionary(k => k.Key, k => k.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    public int Count => _namesById.Count;

    /// <summary>Every known name of an actor id (empty when the id is not known).</summary>
    public IReadOnlyList<string> NamesOf(string id) => _namesById.TryGetValue(id, out var names) ? names : [];

    /// <summary>Actor ids one of whose names, acronyms or initials is exactly <paramref name="key"/> (normalized).</summary>
    public IReadOnlyList<string> IdsNamed(string key) => _idsByKey.TryGetValue(key, out var ids) ? ids : [];

    /// <summary>Actor ids with a name that starts with <paramref name="key"/>, or has a word that does.</summary>
    public IEnumerable<string> IdsWithPrefix(string key) =>
        _idsByKey.Where(k => k.Key.StartsWith(key, StringComparison.Ordinal) || k.Key.Contains(" " + key, StringComparison.Ordinal))
            .SelectMany(k => k.Value).Distinct(StringComparer.Ordinal);

    /// <summary>Actor ids with a name that has <paramref name="key"/> as whole words ("kabiri" in "muhiddin kabiri").</summary>
    public IEnumerable<string> IdsWithWords(string key) =>
        _idsByKey.Where(k => (" " + k.Key + " ").Contains(" " + key + " ", StringComparison.Ordinal))
            .SelectMany(k => k.Value).Distinct(StringComparer.Ordinal);

    /// <summary>Lookup keys and the display names they stand for, for suggestions.</summary>
    public IEnumerable<(string Key, string Id)> Keys => _idsByKey.SelectMany(k => k.Value.Select(id => (k.Key, id)));
}
