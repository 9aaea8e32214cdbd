using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;

namespace Timeline.Domain.Serialization;

/// <summary>The one JSON shape of stored events: camelCase fields, EDTF dates, ISO codes, kebab-case enum values.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Evidence sentences are multilingual: keep them readable in the stored JSON.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new HistoricalDateConverter());
        options.Converters.Add(new CountryCodeConverter());
        options.Converters.Add(new ActorIdConverter());
        options.Converters.Add(new ArticleIdConverter());
        options.Converters.Add(new ValueListConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class HistoricalDateConverter : JsonConverter<HistoricalDate>
    {
        public override HistoricalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            HistoricalDate.TryParseEdtf(reader.GetString(), out var date, out var error) ? date : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, HistoricalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToEdtf());
    }

    private sealed class CountryCodeConverter : JsonConverter<CountryCode>
    {
        public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            CountryCode.TryParse(reader.GetString(), out var code) ? code : throw new JsonException($"'{reader.GetString()}' is not a country code.");

        public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    private sealed class ActorIdConverter : JsonConverter<ActorId>
    {
        public override ActorId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ActorId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"'{reader.GetString()}' is not an actor id.");

        public override void Write(Utf8JsonWriter writer, ActorId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    private sealed class ArticleIdConverter : JsonConverter<ArticleId>
    {
        public override ArticleId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ArticleId.TryParse(reader.GetString(), out var id, out var error) ? id : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, ArticleId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    private sealed class ValueListConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ValueListConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class ValueListConverter<T> : JsonConverter<ValueList<T>>
    {
        // The contracts, looked up once: through the options they are a dictionary lookup per list and per item, and
        // a replay reads several lists in each of a million events.
        private JsonTypeInfo<T[]>? _array;
        private JsonTypeInfo<T>? _item;

        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            _array ??= (JsonTypeInfo<T[]>)options.GetTypeInfo(typeof(T[]));
            return new(JsonSerializer.Deserialize(ref reader, _array) ?? []);
        }

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
        {
            _item ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartArray();
            foreach (var item in value) JsonSerializer.Serialize(writer, item, _item);
            writer.WriteEndArray();
        }
    }
}
