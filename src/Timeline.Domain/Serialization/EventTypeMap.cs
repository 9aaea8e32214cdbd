using System.Diagnostics.CodeAnalysis;
using Timeline.Domain.Events;

namespace Timeline.Domain.Serialization;

/// <summary>
/// The stored type name and schema version of every domain event, in one place. Stored names are explicit
/// strings, never CLR type names, so renaming a class or namespace never breaks reading the log.
/// A breaking change to an event is a new schema version with an upcaster, tested against stored JSON.
/// </summary>
public static class EventTypeMap
{
    public sealed record Entry(string Name, Type ClrType, int SchemaVersion);

    private static readonly Entry[] Entries =
    [
        new("PartyBanned", typeof(PartyBanned), 1),
        new("ConferenceHeld", typeof(ConferenceHeld), 1),
        new("InternetOutage", typeof(InternetOutage), 1),
        new("StatementMade", typeof(StatementMade), 1),
        new("ArticleIngested", typeof(ArticleIngested), 1),
    ];

    private static readonly Dictionary<string, Entry> ByName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Type, Entry> ByType = Entries.ToDictionary(e => e.ClrType);

    /// <summary>The names of the four timeline event types, for validating user filters.</summary>
    public static IReadOnlyList<string> TimelineEventNames { get; } =
        Entries.Where(e => e.ClrType.IsAssignableTo(typeof(TimelineEvent))).Select(e => e.Name).ToArray();

    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => e.Name).ToArray();

    public static Entry For(IDomainEvent e) =>
        ByType.TryGetValue(e.GetType(), out var entry)
            ? entry
            : throw new InvalidOperationException($"{e.GetType().Name} has no stored type name in {nameof(EventTypeMap)}.");

    public static bool TryGet(string name, [NotNullWhen(true)] out Entry? entry) => ByName.TryGetValue(name, out entry);

    /// <summary>Accepts a type name in any case ("partybanned", "PartyBanned") and returns the stored spelling.</summary>
    public static bool TryNormalizeName(string name, [NotNullWhen(true)] out string? stored)
    {
        stored = Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
        return stored is not null;
    }
}
