using System.Collections.Frozen;
using System.Text;

namespace Timeline.Domain.Actors;

/// <summary>
/// A stable slug that names an actor across articles: lower-case ASCII letters, digits and single hyphens
/// ("muhiddin-kabiri", "irpt"). The same name always gives the same id.
/// </summary>
public readonly record struct ActorId : IComparable<ActorId>
{
    public const int MaxLength = 80;

    public string Value { get; }

    private ActorId(string value) => Value = value;

    public static ActorId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not an actor id (lower-case letters, digits and hyphens, e.g. 'muhiddin-kabiri').");

    public static bool TryParse(string? text, out ActorId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
        if (text[0] == '-' || text[^1] == '-' || text.Contains("--", StringComparison.Ordinal)) return false;
        foreach (var c in text)
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-')) return false;
        id = new ActorId(text);
        return true;
    }

    /// <summary>Makes the slug of a display name: accents folded, punctuation to hyphens ("Muhiddin Kabiri" → "muhiddin-kabiri").</summary>
    /// <remarks>
    /// Accents are folded through a shipped table rather than Unicode normalization, so ids do not depend on the
    /// machine's ICU (or its absence under invariant globalization): an id must be the same on every machine.
    /// </remarks>
    public static ActorId FromName(string name)
    {
        var slug = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            if (c == '\'' || c == '\u2019' || c == '\u02BC') continue; // "Ya'qub" → "yaqub", not "ya-qub"
            var lower = char.ToLowerInvariant(c);
            var plain = lower is >= 'a' and <= 'z' or >= '0' and <= '9'
                ? lower.ToString()
                : LatinFold.TryGetValue(c, out var folded) ? folded : null;
            if (plain is null)
            {
                pendingHyphen = true;
                continue;
            }
            var needed = plain.Length + (pendingHyphen && slug.Length > 0 ? 1 : 0);
            if (slug.Length + needed > MaxLength) break;
            if (pendingHyphen && slug.Length > 0) slug.Append('-');
            pendingHyphen = false;
            slug.Append(plain);
        }
        if (slug.Length == 0)
            throw new ArgumentException($"'{name}' has no letters or digits to make an actor id from.", nameof(name));
        return new ActorId(slug.ToString());
    }

    private static readonly FrozenDictionary<char, string> LatinFold = LoadFold();

    private static FrozenDictionary<char, string> LoadFold()
    {
        using var stream = typeof(ActorId).Assembly.GetManifestResourceStream("Timeline.Domain.latin-fold.tsv")
            ?? throw new InvalidOperationException("The Latin fold table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var fold = new Dictionary<char, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 3 || line[0] == '#') continue;
            fold[line[0]] = line[2..];
        }
        return fold.ToFrozenDictionary();
    }

    public int CompareTo(ActorId other) => string.CompareOrdinal(Value, other.Value);
    public override string ToString() => Value ?? "";
}
