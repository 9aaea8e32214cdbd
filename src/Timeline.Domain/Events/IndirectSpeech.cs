using System.Collections.Frozen;

namespace Timeline.Domain.Events;

/// <summary>
/// The two shapes of a statement's gist (<see cref="StatementMade.Gist"/>). After a verb that reports a clause ("said
/// the vote was rigged") the gist is what was said. After a verb that takes a person or a thing instead ("urged the
/// government to resign", "called on its supporters to stay home") the clause alone would lose what the speaker did,
/// so the gist is the whole predicate, verb first, and reads on from the speaker's name.
/// </summary>
public static class IndirectSpeech
{
    // Past tenses only: gists are told of what was said on a day.
    private static readonly FrozenSet<string> ObjectVerbs = new[]
    {
        "called", "urged", "appealed", "accused", "condemned", "criticized", "criticised", "denounced", "praised",
        "welcomed", "rejected", "dismissed", "denied", "refuted", "promised", "vowed", "pledged", "demanded", "asked",
        "thanked", "blamed", "told", "warned", "described", "recommended", "lamented", "complained", "cautioned",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a gist after <paramref name="verb"/> keeps the verb: the verb takes an object, not a clause.</summary>
    public static bool KeepsVerb(string verb) => ObjectVerbs.Contains(verb);

    /// <summary>Whether <paramref name="gist"/> is a predicate that starts with its own verb, rather than what was said.</summary>
    public static bool IsPredicate(string gist)
    {
        var end = gist.IndexOf(' ');
        // Every statement's summary asks this; the span lookup takes no substring.
        return end > 0 && FirstWords.Contains(gist.AsSpan(0, end));
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstWords = ObjectVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
}
