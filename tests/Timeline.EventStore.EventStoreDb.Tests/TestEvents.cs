using System.Text;
using System.Text.Json;

namespace Timeline.EventStore.EventStoreDb.Tests;

internal static class TestEvents
{
    /// <summary>An event shaped as the domain serializer writes them: JSON data, JSON metadata with a schema version.</summary>
    public static EventData Json(string type = "PartyBanned", int n = 0, Guid? id = null) => new(
        id ?? Guid.NewGuid(),
        type,
        JsonSerializer.SerializeToUtf8Bytes(new { n, note = $"event {n}" }),
        Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"contentType\":\"application/json\"}"));

    public static List<EventData> Many(int count, string type = "PartyBanned") =>
        Enumerable.Range(0, count).Select(i => Json(type, i)).ToList();

    public static string Stream(string prefix = "article") => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<List<T>> ToList<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }
}
