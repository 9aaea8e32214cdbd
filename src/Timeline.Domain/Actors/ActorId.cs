using System.Globalization;
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

    /// <summary>Makes the slug of a display name: accents dropped, punctuation to hyphens ("Muhiddin Kabiri" → "muhiddin-kabiri").</summary>
    public static ActorId FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c == '\'' || c == '\u2019') continue; // "Ya'qub" → "yaqub", not "ya-qub"
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' || lower is >= '0' and <= '9')
            {
                if (pendingHyphen && slug.Length > 0) slug.Append('-');
                pendingHyphen = false;
                slug.Append(lower);
            }
            else
            {
                pendingHyphen = true;
            }
            if (slug.Length >= MaxLength) break;
        }
        var value = slug.ToString().TrimEnd('-');
        if (value.Length == 0)
            throw new ArgumentException($"'{name}' has no letters or digits to make an actor id from.", nameof(name));
        return new ActorId(value);
    }

    public int CompareTo(ActorId other) => string.CompareOrdinal(Value, other.Value);
    public override string ToString() => Value ?? "";
}
