using System.Collections.Frozen;
using System.Text.Json;

namespace Timeline.Domain.Serialization;

/// <summary>
/// An enum value as stored events spell it ("government-body", "banned-party"), so views and stored JSON agree.
/// Computed once per value: projections name the kind and role of every actor of every event they fold.
/// </summary>
public static class KebabName
{
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.Known.TryGetValue(value, out var name) ? name : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Known =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
    }
}
