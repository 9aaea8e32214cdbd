using System.Collections.Frozen;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Ingestion.Rules;
using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Gazetteer;

public enum EntryType { Country, Demonym, City, Actor }

/// <summary>One named thing the gazetteer knows: a country (by name or demonym), a city, or an actor with aliases.</summary>
public sealed record GazetteerEntry(EntryType Type, ActorId Id, string Name, ActorKind Kind, CountryCode? Country);

/// <summary>Where an entry was found: token range and the surface text.</summary>
public readonly record struct GazetteerMatch(int TokenStart, int TokenCount, GazetteerEntry Entry)
{
    public int TokenEnd => TokenStart + TokenCount;
}

/// <summary>
/// Countries, demonyms, cities and known actors, loaded from the data files <c>countries.tsv</c>, <c>cities.tsv</c>
/// and <c>actors.tsv</c>. Matching is on whole tokens, case-sensitive (names are proper nouns), longest name first.
/// </summary>
public sealed class Gazetteer
{
    private readonly FrozenDictionary<string, (string[] Tokens, GazetteerEntry Entry)[]> _byFirstToken;
    private readonly FrozenDictionary<ActorId, GazetteerEntry> _actors;
    private readonly FrozenDictionary<string, GazetteerEntry> _countries;
    private readonly FrozenDictionary<ActorId, string[]> _aliases;

    public static Gazetteer Default { get; } = Load();

    private Gazetteer(List<(string Alias, GazetteerEntry Entry)> aliases)
    {
        _byFirstToken = aliases
            .Select(a => (Tokens: Tokenizer.Tokenize(a.Alias).Select(t => t.Text).ToArray(), a.Entry))
            .Where(a => a.Tokens.Length > 0)
            .GroupBy(a => a.Tokens[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(a => a.Tokens.Length).ToArray(), StringComparer.Ordinal);
        _actors = aliases.Where(a => a.Entry.Type == EntryType.Actor).Select(a => a.Entry).DistinctBy(e => e.Id).ToFrozenDictionary(e => e.Id);
        _aliases = aliases.Where(a => a.Entry.Type is EntryType.Actor or EntryType.Country).GroupBy(a => a.Entry.Id)
            .ToFrozenDictionary(g => g.Key, g => g.Select(a => a.Alias).Distinct().ToArray());
        _countries = aliases.Where(a => a.Entry.Type == EntryType.Country).Select(a => a.Entry).DistinctBy(e => e.Country!.Value.Value)
            .ToFrozenDictionary(e => e.Country!.Value.Value, StringComparer.Ordinal);
    }

    public int ActorCount => _actors.Count;
    public int CountryCount => _countries.Count;

    public static Gazetteer Load()
    {
        var aliases = new List<(string, GazetteerEntry)>();
        var extra = DataFiles.Rows("countries.tsv", 3).ToDictionary(r => r[0], StringComparer.Ordinal);
        foreach (var code in CountryCode.All)
        {
            var entry = new GazetteerEntry(EntryType.Country, ActorId.FromName(code.Name), code.Name, ActorKind.Country, code);
            aliases.Add((code.Name, entry));
            if (!extra.TryGetValue(code.Value, out var row)) continue;
            foreach (var name in Split(row[1])) aliases.Add((name, entry));
            foreach (var demonym in Split(row[2]))
                aliases.Add((demonym, entry with { Type = EntryType.Demonym }));
        }
        foreach (var row in DataFiles.Rows("cities.tsv", 2))
        {
            var country = CountryCode.Parse(row[1]);
            var names = Split(row[0]).ToArray();
            var entry = new GazetteerEntry(EntryType.City, ActorId.FromName(names[0]), names[0], ActorKind.Country, country);
            foreach (var name in names) aliases.Add((name, entry));
        }
        foreach (var row in DataFiles.Rows("actors.tsv", 4))
        {
            var names = Split(row[3]).ToArray();
            CountryCode? country = CountryCode.TryParse(row[2], out var c) ? c : null;
            var entry = new GazetteerEntry(EntryType.Actor, ActorId.Parse(row[0]), names[0], ParseKind(row[1]), country);
            foreach (var name in names) aliases.Add((name, entry));
        }
        return new Gazetteer(aliases);
    }

    public static ActorKind ParseKind(string text) => text switch
    {
        "person" => ActorKind.Person,
        "party" => ActorKind.Party,
        "organization" => ActorKind.Organization,
        "government-body" => ActorKind.GovernmentBody,
        "media" => ActorKind.Media,
        _ => throw new FormatException($"'{text}' is not an actor kind (person, party, organization, government-body, media)."),
    };

    private static IEnumerable<string> Split(string cell) =>
        cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool TryGetActor(ActorId id, out GazetteerEntry entry) => _actors.TryGetValue(id, out entry!);

    /// <summary>Every name the gazetteer knows for an actor or country id (empty when unknown).</summary>
    public IReadOnlyList<string> AliasesOf(ActorId id) => _aliases.TryGetValue(id, out var names) ? names : [];

    public GazetteerEntry? CountryEntry(CountryCode code) => _countries.TryGetValue(code.Value, out var e) ? e : null;

    /// <summary>All entries in the tokens, longest first, without overlaps.</summary>
    public List<GazetteerMatch> Match(IReadOnlyList<Token> tokens)
    {
        var matches = new List<GazetteerMatch>();
        for (var i = 0; i < tokens.Count;)
        {
            if (TryMatchAt(tokens, i, out var match))
            {
                matches.Add(match);
                i += match.TokenCount;
            }
            else i++;
        }
        return matches;
    }

    // Datelines write places in capitals ("VILNIUS —"): a one-word place in capitals matches its usual spelling.
    private bool TryMatchUpperCasePlace(IReadOnlyList<Token> tokens, int i, out GazetteerMatch match)
    {
        match = default;
        var text = tokens[i].Text;
        if (text.Length < 4 || !text.All(c => char.IsUpper(c) || c == '-')) return false;
        var title = text[0] + text[1..].ToLowerInvariant();
        if (!_byFirstToken.TryGetValue(title, out var candidates)) return false;
        foreach (var (aliasTokens, entry) in candidates)
        {
            if (aliasTokens.Length != 1 || entry.Type is not (EntryType.City or EntryType.Country)) continue;
            match = new GazetteerMatch(i, 1, entry);
            return true;
        }
        return false;
    }

    public bool TryMatchAt(IReadOnlyList<Token> tokens, int i, out GazetteerMatch match)
    {
        match = default;
        if (!_byFirstToken.TryGetValue(tokens[i].Text, out var candidates)
            && !_byFirstToken.TryGetValue(tokens[i].Norm, out candidates))
            return TryMatchUpperCasePlace(tokens, i, out match);
        foreach (var (aliasTokens, entry) in candidates)
        {
            if (i + aliasTokens.Length > tokens.Count) continue;
            var ok = true;
            for (var k = 0; k < aliasTokens.Length && ok; k++)
            {
                var t = tokens[i + k];
                // Only the last token of a name may carry a possessive ("IRPT’s").
                ok = t.Text == aliasTokens[k] || (k == aliasTokens.Length - 1 && t.Norm == aliasTokens[k]);
            }
            if (!ok) continue;
            match = new GazetteerMatch(i, aliasTokens.Length, entry);
            return true;
        }
        return false;
    }
}
