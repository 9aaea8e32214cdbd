using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Cli.Output;

/// <summary>
/// The public JSON shape of one stored event (DESIGN.md "Public surface"): position, stream, eventId, type, occurred,
/// country, place, actors, source, confidence, and the type-specific facts under <c>data</c>.
/// </summary>
public static class EventView
{
    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal)
    {
        "eventId", "occurred", "country", "place", "actors", "source", "confidence",
    };

    public static JsonObject ToJson(StoredEvent stored)
    {
        var recorded = stored.Recorded;
        var json = new JsonObject
        {
            ["position"] = recorded.Position.ToString(),
            ["stream"] = recorded.Stream,
            ["eventId"] = recorded.EventId.ToString(),
            ["type"] = recorded.Type,
        };
        if (stored is not StoredEvent.Known known)
        {
            json["error"] = ((StoredEvent.Raw)stored).Reason;
            return json;
        }
        var node = JsonSerializer.SerializeToNode(known.Event, known.Event.GetType(), EventJson.Options)!.AsObject();
        if (known.Event is TimelineEvent e)
        {
            json["occurred"] = e.Occurred.ToEdtf();
            json["country"] = e.Country.Value;
            json["place"] = e.Place;
            json["actors"] = node["actors"]?.DeepClone();
            var source = node["source"]!.AsObject();
            json["source"] = new JsonObject
            {
                ["articleId"] = e.Source.ArticleId.Value,
                ["title"] = e.Source.Title,
                ["outlet"] = e.Source.Outlet,
                ["url"] = e.Source.Url,
                ["published"] = e.Source.Published?.ToEdtf(),
                ["evidence"] = e.Source.Evidence,
                ["evidenceSpan"] = source["evidenceSpan"]?.DeepClone(),
            };
            json["confidence"] = e.Confidence;
        }
        var data = new JsonObject();
        foreach (var (key, value) in node)
            if (!Envelope.Contains(key) || known.Event is not TimelineEvent) data[key] = value?.DeepClone();
        data.Remove("eventId");
        json["data"] = data;
        if (known.Metadata.Extractor is { } extractor) json["extractor"] = extractor;
        return json;
    }
}
