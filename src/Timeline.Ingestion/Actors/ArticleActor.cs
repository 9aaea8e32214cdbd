using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Ingestion.Gazetteer;

namespace Timeline.Ingestion.Actors;

/// <summary>An actor as one article knows it: from the gazetteer or discovered in the text, with the names the article uses.</summary>
public sealed class ArticleActor(ActorId id, string name, ActorKind kind, CountryCode? country, bool known)
{
    /// <summary>Settable only so that a generic body ("Supreme Court") can take its country into its id once that is known.</summary>
    public ActorId Id { get; set; } = id;
    public string Name { get; } = name;
    /// <summary>Settable only so that a discovered organisation a country's name then places ("Nicaragua's Supreme Electoral Council") becomes a state body.</summary>
    public ActorKind Kind { get; set; } = kind;
    public CountryCode? Country { get; set; } = country;
    /// <summary>True when the gazetteer knows the actor; false when discovered in this article.</summary>
    public bool Known { get; } = known;
    /// <summary>The office or role the article gives ("Director of the Center for Strategic Studies").</summary>
    public string? Role { get; set; }
    public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal) { name };

    public static ArticleActor From(GazetteerEntry entry) => new(entry.Id, entry.Name, entry.Kind, entry.Country, known: true);

    public override string ToString() => $"{Name} ({Id}, {Kind})";
}

/// <summary>An actor named (or referred to by a pronoun) at a token range of a sentence.</summary>
public readonly record struct ActorMention(ArticleActor Actor, int TokenStart, int TokenCount, bool IsPronoun = false)
{
    public int TokenEnd => TokenStart + TokenCount;
}

/// <summary>A country, city or demonym named at a token range of a sentence.</summary>
public readonly record struct PlaceMention(GazetteerEntry Entry, int TokenStart, int TokenCount)
{
    public int TokenEnd => TokenStart + TokenCount;
    public CountryCode Country => Entry.Country!.Value;
    public bool IsCity => Entry.Type == EntryType.City;
    public bool IsDemonym => Entry.Type == EntryType.Demonym;
}
