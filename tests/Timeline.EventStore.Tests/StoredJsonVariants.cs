using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Timeline.EventStore.Tests;

/// <summary>
/// Stored JSON changed in one place at a time, the way other writers, newer versions and damage change it: for
/// comparing the decoder with the serializer on each.
/// </summary>
internal static class StoredJsonVariants
{
    public static IEnumerable<(string What, byte[] Json)> Of(byte[] data)
    {
        var original = JsonNode.Parse(data)!.AsObject();
        var objects = Objects(original).Count();
        for (var index = 0; index < objects; index++)
        {
            var at = index;
            JsonObject Target(JsonObject root) => Objects(root).ElementAt(at);
            foreach (var key in Target(original).Select(p => p.Key).ToList())
            {
                foreach (var (what, change) in Changes(Target(original)[key]))
                {
                    foreach (var variant in Both($"{Path(at)}.{key} {what}", original, root => change(Target(root), key))) yield return variant;
                }
            }
            foreach (var variant in Both($"{Path(at)} with an unknown property", original, root => Target(root).Add("addedLater", JsonNode.Parse("""[1,{"a":null},"b"]"""))))
                yield return variant;
            foreach (var variant in Both($"{Path(at)} reversed", original, root => Reverse(Target(root)))) yield return variant;
        }

        // Duplicates, which the serializer resolves as the last one wins
        var text = Encoding.UTF8.GetString(data);
        yield return ("a duplicate cameo first", Encoding.UTF8.GetBytes("{\"cameo\":\"999\"," + text[1..]));
        yield return ("a duplicate cameo last", Encoding.UTF8.GetBytes(text[..^1] + ",\"cameo\":\"999\"}"));
        yield return ("a duplicate event id last", Encoding.UTF8.GetBytes(text[..^1] + ",\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}"));
        // Around the value
        yield return ("indented", Encoding.UTF8.GetBytes(original.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
        yield return ("white space around", Encoding.UTF8.GetBytes(" \r\n\t" + text + " \n"));
        yield return ("a second value after it", Encoding.UTF8.GetBytes(text + " {}"));
        yield return ("a trailing comma", Encoding.UTF8.GetBytes(text[..^1] + ",}"));
        yield return ("a comment", Encoding.UTF8.GetBytes("/* c */" + text));
        yield return ("a byte order mark", [0xEF, 0xBB, 0xBF, .. data]);
        yield return ("an array", Encoding.UTF8.GetBytes("[" + text + "]"));
        yield return ("null", "null"u8.ToArray());
        yield return ("a string", "\"x\""u8.ToArray());
        yield return ("empty", []);
        yield return ("invalid UTF-8 in a string", [.. Encoding.UTF8.GetBytes(text[..^1] + ",\"place\":\""), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
    }

    /// <summary>Every object of the stored event: itself, its source and the source's span, and each actor.</summary>
    public static IEnumerable<JsonObject> Objects(JsonObject root)
    {
        yield return root;
        if (root["source"] is JsonObject source)
        {
            yield return source;
            if (source["evidenceSpan"] is JsonObject span) yield return span;
        }
        if (root["actors"] is JsonArray actors)
            foreach (var actor in actors.OfType<JsonObject>()) yield return actor;
    }

    public static void Reverse(JsonObject o)
    {
        var properties = o.Select(p => (p.Key, Value: p.Value?.DeepClone())).Reverse().ToList();
        o.Clear();
        foreach (var (key, value) in properties) o.Add(key, value);
    }

    private static string Path(int index) => index switch { 0 => "$", 1 => "$.source", 2 => "$.source.evidenceSpan", _ => $"$.actors[{index - 3}]" };

    /// <summary>Each change written both with every non-ASCII character escaped and without.</summary>
    private static IEnumerable<(string, byte[])> Both(string what, JsonObject original, Action<JsonObject> change) =>
        [(what, Write(original, change, Decoding.Relaxed)), (what + " (escaped)", Write(original, change, JsonSerializerOptions.Default))];

    private static byte[] Write(JsonObject original, Action<JsonObject> change, JsonSerializerOptions options)
    {
        var root = original.DeepClone().AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString(options));
    }

    private static IEnumerable<(string What, Action<JsonObject, string> Change)> Changes(JsonNode? value)
    {
        yield return ("removed", (o, key) => o.Remove(key));
        string[] replacements = ["null", "0", "-1", "1.5", "1e400", "2147483648", "true", "\"\"", "\"x\"", "\"1\"", "{}", "[]", "[null]", "[1]", "[\"x\"]", "[{}]"];
        foreach (var json in replacements) yield return ($"= {json}", (o, key) => o[key] = JsonNode.Parse(json));
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
        {
            yield return ("upper-cased", (o, key) => o[key] = s.ToUpperInvariant());
            yield return ("lower-cased", (o, key) => o[key] = s.ToLowerInvariant());
            yield return ("padded", (o, key) => o[key] = " " + s + " ");
            yield return ("in PascalCase", (o, key) => o[key] = string.Concat(s.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])));
            yield return ("cut short", (o, key) => o[key] = s[..(s.Length / 2)]);
        }
        if (value is JsonArray array && array.Count > 0)
        {
            yield return ("with its first item twice", (o, key) => o[key]!.AsArray().Add(array[0]?.DeepClone()));
            yield return ("with a null item", (o, key) => o[key]!.AsArray().Add(null));
        }
    }
}
