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

    /// <summary>
    /// <paramref name="stored"/> (an entry's stored JSON) with <paramref name="sources"/> appended: byte for byte what
    /// <see cref="Serialize"/> gives for the joined entry, without serializing the earlier sources again — entries
    /// that gather hundreds of reports are rewritten on every join.
    /// </summary>
    public static byte[] Append(byte[] stored, IReadOnlyList<EntrySource> sources)
    {
        if (sources.Count == 0) return Checked(stored);
        var added = new byte[sources.Count][];
        for (var i = 0; i < added.Length; i++) added[i] = SerializeSource(sources[i]);
        var joined = new byte[JoinedLength(stored, added)];
        Join(stored, added, joined);
        return joined;
    }

    /// <summary>One source as it appears in an entry's stored array.</summary>
    public static byte[] SerializeSource(EntrySource source) => JsonSerializer.SerializeToUtf8Bytes(source, Context.EntrySource);

    /// <summary>The length of <paramref name="stored"/> with the serialized sources <paramref name="added"/> appended.</summary>
    internal static int JoinedLength(byte[] stored, IReadOnlyList<byte[]> added)
    {
        var length = Checked(stored).Length;
        foreach (var source in added) length += source.Length + 1;
        // No comma before the first source of an empty array.
        return added.Count > 0 && stored.Length == 2 ? length - 1 : length;
    }

    /// <summary>Writes <paramref name="stored"/> with <paramref name="added"/> appended into <paramref name="into"/>; returns the length.</summary>
    internal static int Join(byte[] stored, IReadOnlyList<byte[]> added, Span<byte> into)
    {
        Checked(stored).AsSpan(0, stored.Length - 1).CopyTo(into);
        var at = stored.Length - 1;
        foreach (var source in added)
        {
            if (at > 1) into[at++] = (byte)',';
            source.CopyTo(into[at..]);
            at += source.Length;
        }
        into[at++] = (byte)']';
        return at;
    }

    private static byte[] Checked(byte[] stored) =>
        stored.Length >= 2 && stored[0] == (byte)'[' && stored[^1] == (byte)']'
            ? stored
            : throw new JsonException("An entry's stored JSON is not an array of sources.");

    public static byte[] Append(byte[] stored, EntrySource source) => Append(stored, [source]);

    /// <summary>The sources of an entry as stored, in log order.</summary>
    public static EntrySource[] DeserializeSources(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Context.EntrySourceArray) ?? throw new JsonException("An entry's stored JSON is null.");

    public static TimelineEntry Deserialize(ReadOnlySpan<byte> utf8) => EntryBuilder.Build(DeserializeSources(utf8));

    public static DirectoryActor DeserializeActor(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, Context.DirectoryActor) ?? throw new JsonException("An actor's stored JSON is null.");

    public static byte[] Serialize(DirectoryActor actor) => JsonSerializer.SerializeToUtf8Bytes(actor, Context.DirectoryActor);
}
