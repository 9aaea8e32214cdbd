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
    public static byte[] SerializeSource(EntrySource source) => JsonSerializer.SerializeToUtf8Bytes(source, Context.EntrySource);

    /// <summary>
    /// <see cref="SerializeSource"/> into <paramref name="writer"/>: a writer given to the serializer escapes with its
    /// own options, so it must be made by <see cref="NewWriter"/> to give the same bytes.
    /// </summary>
    internal static void WriteSource(Utf8JsonWriter writer, EntrySource source) => JsonSerializer.Serialize(writer, source, Context.EntrySource);

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

/// <summary>Serializes sources one after another into one reused buffer (a rebuild writes a million of them).</summary>
internal sealed class SourceJsonWriter
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public SourceJsonWriter() => _writer = EntryJson.NewWriter(_buffer);

    /// <summary>The source's stored JSON, valid until the next call.</summary>
    public ReadOnlySpan<byte> Write(EntrySource source)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        EntryJson.WriteSource(_writer, source);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
