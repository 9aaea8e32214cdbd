using System.Text.Json;
using System.Text.Json.Serialization;
using Timeline.Domain.Dates;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Corroboration;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// The stored JSON of read-model rows, source-generated: replay writes one entry per event and queries read a page
/// of them, so (de)serialization speed is replay and query speed. Dates are EDTF strings, as in stored events.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EdtfConverter)])]
[JsonSerializable(typeof(TimelineEntry))]
[JsonSerializable(typeof(EntrySource[]))]
[JsonSerializable(typeof(EntrySource))]
[JsonSerializable(typeof(DirectoryActor))]
internal sealed partial class ProjectionJsonContext : JsonSerializerContext;

internal sealed class EdtfConverter : JsonConverter<HistoricalDate>
{
    public override HistoricalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        HistoricalDate.TryParseEdtf(reader.GetString(), out var date, out var error) ? date : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, HistoricalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToEdtf());
}

/// <summary>The stored JSON of entries and directory rows.</summary>
public static class EntryJson
{
    private static readonly ProjectionJsonContext Context = new(new JsonSerializerOptions(ProjectionJsonContext.Default.Options)
    {
        // Evidence sentences are multilingual: keep them readable in the read model.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// An entry is stored as its sources only: everything else is derived from them (<see cref="EntryBuilder.Build"/>),
    /// so storing it again would double the bytes replay writes for nothing. Stored as UTF-8 bytes, which is what
    /// SQLite keeps anyway: no UTF-16 string on the way in or out.
    /// </summary>
    public static byte[] Serialize(TimelineEntry entry) =>
        JsonSerializer.SerializeToUtf8Bytes(entry.Sources as EntrySource[] ?? entry.Sources.ToArray(), Context.EntrySourceArray);

    /// <summary>One source as it appears in an entry's stored array (see <see cref="GrowingEntryJson"/>).</summary>
    public static byte[] SerializeSource(EntrySource source)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = NewWriter(buffer)) WriteSource(writer, source);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The contract sources are read with, and that <see cref="WriteSource"/> writes byte for byte.</summary>
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<EntrySource> SourceContract => Context.EntrySource;

    /// <summary>
    /// A source's stored JSON, field by field in <see cref="SourceContract"/>'s order and shape. Written by hand because
    /// the serializer cannot take its source-generated fast path with our encoder, and its general path was half of
    /// what a key-by-key rebuild spent writing entries. <paramref name="writer"/> must come from <see cref="NewWriter"/>
    /// so strings are escaped as the contract escapes them.
    /// </summary>
    internal static void WriteSource(Utf8JsonWriter writer, EntrySource source) => WriteSource(writer, source, null);

    /// <param name="edtf">Dates already formatted (as UTF-8 EDTF), to which this adds; null to format each date.</param>
    internal static void WriteSource(Utf8JsonWriter writer, EntrySource source, Dictionary<HistoricalDate, byte[]>? edtf)
    {
        writer.WriteStartObject();
        writer.WriteString("eventId"u8, source.EventId);
        writer.WriteNumber("position"u8, source.Position);
        writer.WriteNumber("ingestedAtMs"u8, source.IngestedAtMs);
        writer.WriteString("key"u8, source.Key);
        writer.WriteString("type"u8, source.Type);
        writer.WriteString("country"u8, source.Country);
        if (edtf is null) writer.WriteString("occurred"u8, source.Occurred.ToEdtf());
        else writer.WriteString("occurred"u8, Edtf(edtf, source.Occurred));
        Optional(writer, "place"u8, source.Place);
        writer.WriteStartArray("actors"u8);
        foreach (var actor in source.Actors)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, actor.Id);
            writer.WriteString("name"u8, actor.Name);
            writer.WriteString("kind"u8, actor.Kind);
            writer.WriteString("role"u8, actor.Role);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("articleId"u8, source.ArticleId);
        Optional(writer, "title"u8, source.Title);
        Optional(writer, "outlet"u8, source.Outlet);
        Optional(writer, "url"u8, source.Url);
        Optional(writer, "published"u8, source.Published);
        writer.WriteString("evidence"u8, source.Evidence);
        writer.WriteNumber("confidence"u8, source.Confidence);
        Optional(writer, "cameo"u8, source.Cameo);
        writer.WriteString("summary"u8, source.Summary);
        writer.WriteStartArray("quotes"u8);
        foreach (var quote in source.Quotes) writer.WriteStringValue(quote);
        writer.WriteEndArray();
        Optional(writer, "gist"u8, source.Gist);
        Optional(writer, "name"u8, source.Name);
        writer.WriteEndObject();
    }

    private static byte[] Edtf(Dictionary<HistoricalDate, byte[]> known, HistoricalDate date)
    {
        if (known.TryGetValue(date, out var utf8)) return utf8;
        // A log's dates are a few thousand days and months: the bound only stops a pathological log from growing it.
        if (known.Count >= 100_000) known.Clear();
        utf8 = System.Text.Encoding.UTF8.GetBytes(date.ToEdtf());
        known[date] = utf8;
        return utf8;
    }

    private static void Optional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    internal static Utf8JsonWriter NewWriter(System.Buffers.IBufferWriter<byte> output) =>
        new(output, new JsonWriterOptions { Encoder = Context.Options.Encoder, SkipValidation = true });

    public static EntrySource DeserializeSource(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Context.EntrySource) ?? throw new JsonException("A source's stored JSON is null.");

    /// <summary>The sources of an entry as stored, in log order.</summary>
    public static EntrySource[] DeserializeSources(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Context.EntrySourceArray) ?? throw new JsonException("An entry's stored JSON is null.");

    public static TimelineEntry Deserialize(ReadOnlySpan<byte> utf8) => EntryBuilder.Build(DeserializeSources(utf8));

    public static DirectoryActor DeserializeActor(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Context.DirectoryActor) ?? throw new JsonException("An actor's stored JSON is null.");

    public static byte[] Serialize(DirectoryActor actor) => JsonSerializer.SerializeToUtf8Bytes(actor, Context.DirectoryActor);
}

/// <summary>Serializes entries one after another into one reused buffer (a rebuild writes a million sources).</summary>
internal sealed class SourceJsonWriter
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;
    // A rebuild's sources share a few thousand dates: each is formatted once, not once per source.
    private readonly Dictionary<HistoricalDate, byte[]> _edtf = [];

    public SourceJsonWriter() => _writer = EntryJson.NewWriter(_buffer);

    /// <summary>The stored JSON of an entry with these sources (<see cref="EntryJson.Serialize(TimelineEntry)"/>), valid until the next call.</summary>
    public ReadOnlySpan<byte> Write(IReadOnlyList<EntrySource> sources)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        for (var i = 0; i < sources.Count; i++) EntryJson.WriteSource(_writer, sources[i], _edtf);
        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
