using System.Reflection;
using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;

namespace Timeline.EventStore.Tests;

/// <summary>
/// Builds an event with every property set to a value that is not its default, by reflection over the record's
/// properties: a property added later is filled too, so a decoder that does not read it fails the specs that use this.
/// A property of a type it has no value for fails loudly, asking for one.
/// </summary>
internal static class FullyPopulated
{
    public static object Create(Type type, int seed = 0)
    {
        var constructor = type.GetConstructor(Type.EmptyTypes)
            ?? type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var instance = constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name!, seed)).ToArray());
        foreach (var property in Properties(type).Where(p => p.SetMethod is { IsPublic: true }))
            property.SetValue(instance, Value(property.PropertyType, property.Name, seed));
        return instance;
    }

    /// <summary>The public instance properties of a type and its bases, as the serializer sees them.</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    /// <summary>The properties of <paramref name="value"/> that still hold their type's default (none, for a value from <see cref="Create"/>).</summary>
    public static IEnumerable<string> DefaultProperties(object value) =>
        Properties(value.GetType()).Where(p => IsDefault(p.GetValue(value), p.PropertyType)).Select(p => p.Name);

    private static bool IsDefault(object? value, Type type) => value switch
    {
        null => true,
        System.Collections.ICollection { Count: 0 } => true,
        System.Collections.IEnumerable list when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>) => !list.Cast<object>().Any(),
        _ => type.IsValueType && Nullable.GetUnderlyingType(type) is null && value.Equals(Activator.CreateInstance(type)),
    };

    private static object Value(Type type, string name, int seed)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Value(underlying, name, seed);
        if (type.IsEnum)
        {
            // The last value: never the default, and a multi-word one in every enum here ("government-body", "in-person").
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>))
        {
            var item = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(item, 2);
            items.SetValue(Value(item, name, seed), 0);
            items.SetValue(Value(item, name, seed + 1), 1);
            return Activator.CreateInstance(type, items)!;
        }
        return type switch
        {
            _ when type == typeof(string) => $"{name} {seed}: café, \"quoted\", back\\slash, «фикр»",
            _ when type == typeof(Guid) => new Guid(seed + 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
            _ when type == typeof(double) => 0.625 + seed,
            _ when type == typeof(int) => 42 + seed,
            _ when type == typeof(TimeSpan) => new TimeSpan(1, 30 + seed, 15),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 23, 6, 0, seed, TimeSpan.FromHours(5.5)),
            _ when type == typeof(HistoricalDate) => HistoricalDate.OfMonth(2015, 9 + seed % 3, DateQualifier.Late),
            _ when type == typeof(CountryCode) => CountryCode.Parse(seed % 2 == 0 ? "TJ" : "DE"),
            _ when type == typeof(ActorId) => ActorId.Parse($"{name.ToLowerInvariant()}-{seed}"),
            _ when type == typeof(ArticleId) => ArticleId.Parse($"article-{seed}"),
            _ when type == typeof(TextSpan) => new TextSpan(120 + seed, 17),
            _ when type == typeof(EventActor) || type == typeof(EventSource) => Create(type, seed),
            _ => throw new NotSupportedException($"{nameof(FullyPopulated)} has no sample value for {type.Name} (property {name}): add one."),
        };
    }
}
