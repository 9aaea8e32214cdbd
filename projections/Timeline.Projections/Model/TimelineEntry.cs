using System.Text.Json.Serialization;
using Timeline.Domain.Dates;

namespace Timeline.Projections.Model;

/// <summary>An actor as an entry shows it: id, display name, kind and role, as kebab-case strings.</summary>
public sealed record EntryActor(string Id, string Name, string Kind, string Role);

/// <summary>
/// One timeline event as a source of an entry: what the article said, and where and when it entered the log
/// (<see cref="Position"/>, <see cref="IngestedAtMs"/>) so as-of queries can hide sources that arrived later.
/// </summary>
public sealed record EntrySource
{
    public required Guid EventId { get; init; }
    /// <summary>Commit position of the event in the log.</summary>
    public required ulong Position { get; init; }
    /// <summary>When the article was ingested (its <c>ArticleIngested</c>), Unix milliseconds.</summary>
    public required long IngestedAtMs { get; init; }
    /// <summary>The corroboration key: type, principal actor(s), country.</summary>
    public required string Key { get; init; }
    public required string Type { get; init; }
    public required string Country { get; init; }
    public required HistoricalDate Occurred { get; init; }
    public string? Place { get; init; }
    public required IReadOnlyList<EntryActor> Actors { get; init; }
    public required string ArticleId { get; init; }
    public string? Title { get; init; }
    public string? Outlet { get; init; }
    public string? Url { get; init; }
    public string? Published { get; init; }
    public required string Evidence { get; init; }
    public required double Confidence { get; init; }
    public string? Cameo { get; init; }
    public required string Summary { get; init; }
    /// <summary>Statements only: the quoted words and the gist, which decide whether two reports are one statement.</summary>
    public IReadOnlyList<string> Quotes { get; init; } = [];
    public string? Gist { get; init; }
    /// <summary>Conferences only: the name, which decides whether two reports with near dates are one conference.</summary>
    public string? Name { get; init; }
}

/// <summary>
/// One line of a timeline: a real-world event as reported by one or more articles. Everything but
/// <see cref="Sources"/> is derived from the sources by <see cref="Corroboration.EntryBuilder"/>.
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>The first source's event id: stable for the life of the entry.</summary>
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required string Type { get; init; }
    public required string Country { get; init; }
    /// <summary>The most precise date all agreeing sources support.</summary>
    public required HistoricalDate Occurred { get; init; }
    public string? Place { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<EntryActor> Actors { get; init; }
    /// <summary>In log order.</summary>
    public required IReadOnlyList<EntrySource> Sources { get; init; }
    public required int Corroboration { get; init; }
    public required bool Disputed { get; init; }
    /// <summary>The dates the sources disagree on (EDTF), when <see cref="Disputed"/>.</summary>
    public IReadOnlyList<string> DisputedDates { get; init; } = [];
    public required double Confidence { get; init; }
    public string? Cameo { get; init; }

    [JsonIgnore] public ulong FirstPosition => Sources[0].Position;
    [JsonIgnore] public ulong LastPosition => Sources[^1].Position;
}
