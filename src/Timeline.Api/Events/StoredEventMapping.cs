using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Api.V1;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;
using Stored = Timeline.EventStore.Serialization.StoredEvent;

namespace Timeline.Api.Events;

/// <summary>A stored event → the proto message, with the fields of <c>timeline events --format jsonl</c>.</summary>
public static class StoredEventMapping
{
    // The envelope has its own fields in the message; data_json keeps only the type-specific facts.
    private static readonly string[] EnvelopeFields = ["eventId", "occurred", "country", "place", "actors", "source", "confidence"];

    public static V1.StoredEvent ToMessage(Stored stored)
    {
        var recorded = stored.Recorded;
        var message = new V1.StoredEvent
        {
            Position = recorded.Position.ToString(),
            Stream = recorded.Stream,
            Revision = recorded.Revision,
            EventId = recorded.EventId.ToString(),
            Type = recorded.Type,
            Created = recorded.Created.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            DataJson = Data(recorded),
        };
        if (stored is Stored.Known { Event: TimelineEvent e })
        {
            message.Occurred = e.Occurred.ToEdtf();
            message.Country = e.Country.Value;
            message.Place = e.Place ?? "";
            message.Confidence = e.Confidence;
            message.Actors.AddRange(e.Actors.Select(a => new EntryActor
            {
                Id = a.Id.Value,
                Name = a.Name,
                Kind = KebabName.Of(a.Kind),
                Role = KebabName.Of(a.Role),
            }));
            message.Source = new Source
            {
                ArticleId = e.Source.ArticleId.Value,
                Title = e.Source.Title ?? "",
                Outlet = e.Source.Outlet ?? "",
                Url = e.Source.Url ?? "",
                Published = e.Source.Published?.ToEdtf() ?? "",
                Evidence = e.Source.Evidence,
            };
        }
        return message;
    }

    private static string Data(RecordedEvent recorded)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(recorded.Data.Span);
        }
        catch (JsonException)
        {
            // Not JSON (another writer's binary event): hand it on as it is, base64, rather than drop it.
            return JsonSerializer.Serialize(new { base64 = Convert.ToBase64String(recorded.Data.Span) });
        }
        if (node is not JsonObject obj) return node?.ToJsonString() ?? "null";
        foreach (var field in EnvelopeFields) obj.Remove(field);
        return obj.ToJsonString();
    }
}
