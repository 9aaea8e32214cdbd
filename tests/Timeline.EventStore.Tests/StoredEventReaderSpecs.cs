using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;
using Timeline.EventStore.Serialization;

namespace Timeline.EventStore.Tests;

/// <summary>
/// The hand-written decoder against the serializer it replaced: for the same stored bytes, both give the same event
/// (compared by writing each back with <see cref="EventJson.Options"/>) or both refuse it.
/// </summary>
internal static class Decoding
{
    public static readonly string[] Types = [.. EventTypeMap.AllNames];

    public static Type ClrType(string type) => EventTypeMap.TryGet(type, out var entry) ? entry.ClrType : throw new ArgumentException(type);

    public static RecordedEvent Recorded(string type, byte[] data, byte[]? metadata = null) =>
        new("article-sample", 0, LogPosition.Of(1), Guid.NewGuid(), type, data, metadata ?? """{"schemaVersion":1}"""u8.ToArray(), DateTimeOffset.UnixEpoch);

    public static StoredEvent Decode(string type, byte[] data) => DomainEventSerializer.Deserialize(Recorded(type, data));

    /// <summary>"known" and the event written back, or "raw": what the decoder makes of the bytes.</summary>
    public static string WithDecoder(string type, byte[] data) => Decode(type, data) switch
    {
        StoredEvent.Known known => "known " + Written(known.Event),
        _ => "raw",
    };

    /// <summary>The same, from System.Text.Json's reflection path with the same options: the reference.</summary>
    public static string WithSerializer(string type, byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, ClrType(type), EventJson.Options) is IDomainEvent e ? "known " + Written(e) : "raw";
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return "raw";
        }
    }

    public static string Written(IDomainEvent e) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), Comparing));

    /// <summary>The stored options, able to write back the infinity that a confidence of 1e400 reads as.</summary>
    private static readonly JsonSerializerOptions Comparing = new(EventJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Stored(IDomainEvent e) => DomainEventSerializer.Serialize(e).Data.ToArray();

    public static IDomainEvent Populated(string type) => (IDomainEvent)FullyPopulated.Create(ClrType(type));

    /// <summary>The stored JSON with one change made to a copy of it.</summary>
    public static byte[] Changed(byte[] data, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(data)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString(Relaxed));
    }

    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public sealed class a_stored_event_with_every_property_set
{
    public static TheoryData<string> Types => new(Decoding.Types);

    [Theory]
    [MemberData(nameof(Types))]
    public void has_no_property_left_at_its_default(string type)
    {
        // Given an event built by reflection over its record's properties
        var e = Decoding.Populated(type);

        // Then nothing in it is a default value, down to its source and actors: a decoder that skips one is found out
        Assert.Empty(FullyPopulated.DefaultProperties(e));
        if (e is TimelineEvent timeline)
        {
            Assert.Empty(FullyPopulated.DefaultProperties(timeline.Source));
            Assert.Empty(FullyPopulated.DefaultProperties(timeline.Source.EvidenceSpan));
            Assert.All(timeline.Actors, actor => Assert.Empty(FullyPopulated.DefaultProperties(actor)));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void decodes_equal_to_what_was_written_and_to_what_the_serializer_decodes(string type)
    {
        // Given an event with every property set, stored
        var written = Decoding.Populated(type);
        var data = Decoding.Stored(written);

        // When it is decoded
        var decoded = Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data)).Event;

        // Then it equals what was written, and written back it is byte for byte what the serializer's reading writes back
        Assert.Equal(written, decoded);
        Assert.Equal(Decoding.WithSerializer(type, data), "known " + Decoding.Written(decoded));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void decodes_the_same_again_when_its_actors_and_source_are_remembered(string type)
    {
        var written = Decoding.Populated(type);
        var data = Decoding.Stored(written);

        var first = Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data)).Event;
        var second = Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data)).Event;

        Assert.Equal(written, first);
        Assert.Equal(written, second);
    }
}

public sealed class a_stored_event_changed_in_any_one_place
{
    public static TheoryData<string> Types => new(Decoding.Types);

    [Theory]
    [MemberData(nameof(Types))]
    public void decodes_as_the_serializer_decodes_it(string type)
    {
        // Given every variant of a fully populated event: each property of every object in it removed, null, of another
        // type, spelled otherwise; unknown properties added; properties reversed; duplicated; indented; escaped
        var data = Decoding.Stored(Decoding.Populated(type));
        var variants = StoredJsonVariants.Of(data).ToList();
        Assert.True(variants.Count > 200, $"only {variants.Count} variants");

        // Then the decoder and the serializer agree on each: the same event, or both refuse it
        var outcomes = variants
            .Select(v => (v.What, Decoder: Decoding.WithDecoder(type, v.Json), Serializer: Decoding.WithSerializer(type, v.Json)))
            .ToList();
        var disagreements = outcomes
            .Where(v => v.Decoder != v.Serializer)
            .Select(v => $"{v.What}: decoder {v.Decoder} / serializer {v.Serializer}")
            .ToList();
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {variants.Count} variants disagree:\n" + string.Join("\n", disagreements.Take(20)));
        // And the variants are a test of both reading and refusing: many of each
        Assert.True(outcomes.Count(o => o.Serializer == "raw") > variants.Count / 10, "too few variants refused");
        Assert.True(outcomes.Count(o => o.Serializer != "raw") > variants.Count / 10, "too few variants read");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void cut_short_anywhere_reads_as_a_raw_event(string type)
    {
        // Given the event decoded once whole, so that its source and actors are remembered
        var data = Decoding.Stored(Decoding.Populated(type));
        Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data));

        // Then cut short at any byte it is refused, before, inside or after the remembered parts
        for (var length = 0; length < data.Length; length++)
        {
            var truncated = data[..length];
            Assert.True(Decoding.Decode(type, truncated) is StoredEvent.Raw, $"cut at {length} of {data.Length} bytes still decoded");
        }
    }
}

public sealed class a_stored_event_missing_a_property
{
    public static TheoryData<string> Types => new(Decoding.Types);

    [Theory]
    [MemberData(nameof(Types))]
    public void reads_as_raw_exactly_when_the_property_is_required(string type)
    {
        // Given the event's own properties and its source's, each marked required or not as the records say
        var data = Decoding.Stored(Decoding.Populated(type));
        var own = FullyPopulated.Properties(Decoding.ClrType(type)).Select(p => (Path: (string?)null, Property: p));
        var source = type == nameof(ArticleIngested) ? [] : FullyPopulated.Properties(typeof(EventSource)).Select(p => (Path: (string?)"source", Property: p));

        foreach (var (path, property) in own.Concat(source))
        {
            // When one of them is left out
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var without = Decoding.Changed(data, root => (path is null ? root : root[path]!.AsObject()).Remove(name));

            // Then the event reads as raw if it was required, and as the event without it if not
            var required = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
            var stored = Decoding.Decode(type, without);
            Assert.True(required ? stored is StoredEvent.Raw : stored is StoredEvent.Known, $"{path}.{name} (required: {required}) read as {stored.GetType().Name}");
        }
    }

    [Fact]
    public void of_an_actor_reads_as_the_actor_with_its_default()
    {
        // A positional record: the serializer passes a default for a missing constructor argument, it requires none
        var data = Decoding.Changed(Decoding.Stored(Decoding.Populated(nameof(StatementMade))), root => root["actors"]![0]!.AsObject().Remove("kind"));

        var e = Assert.IsType<StatementMade>(Assert.IsType<StoredEvent.Known>(Decoding.Decode(nameof(StatementMade), data)).Event);

        Assert.Equal(Domain.Actors.ActorKind.Person, e.Actors[0].Kind);
    }
}

public sealed class a_stored_event_with_optional_properties_absent_or_null
{
    [Fact]
    public void reads_them_as_absent_and_its_lists_as_empty()
    {
        var data = Encoding.UTF8.GetBytes("""
            {"name":"Forum","participants":null,"organizer":null,"attendance":null,"purpose":null,
             "eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","occurred":"2015","country":"tj","actors":[],
             "source":{"articleId":"a-1","evidence":"It was held.","evidenceSpan":{"start":1,"length":2},"published":null},
             "confidence":0.5,"cameo":"043","place":null}
            """);

        var e = Assert.IsType<ConferenceHeld>(Assert.IsType<StoredEvent.Known>(Decoding.Decode(nameof(ConferenceHeld), data)).Event);

        Assert.Empty(e.Participants);
        Assert.Null(e.Organizer);
        Assert.Null(e.Attendance);
        Assert.Null(e.Place);
        Assert.Null(e.Source.Published);
        Assert.Equal(MeetingFormat.Unknown, e.Format);
        Assert.Equal("TJ", e.Country.Value);
        Assert.Equal(Decoding.WithSerializer(nameof(ConferenceHeld), data), Decoding.WithDecoder(nameof(ConferenceHeld), data));
    }
}

public sealed class a_stored_event_with_escaped_strings
{
    [Fact]
    public void reads_the_text_they_stand_for()
    {
        // Escapes in values and in a property name, as another writer may produce them
        var data = Encoding.UTF8.GetBytes("""
            {"party":"example-party","designation":"extr\u00e9mist \"group\"","\u0065ventId":"0f8fad5b-d9cb-469f-a165-70867728950e",
             "occurred":"2015-09-21\/2015-09-30","country":"T\u004a","actors":[{"id":"p\u002d1","name":"Caf\u00e9 \\ Party","kind":"p\u0061rty","role":"banned-party"}],
             "source":{"articleId":"a-1","evidence":"\u00abquoted\u00bb","evidenceSpan":{"start":1,"length":2}},"confidence":0.5,"cameo":"1722"}
            """);

        var e = Assert.IsType<PartyBanned>(Assert.IsType<StoredEvent.Known>(Decoding.Decode(nameof(PartyBanned), data)).Event);

        Assert.Equal("extrémist \"group\"", e.Designation);
        Assert.Equal(Domain.Dates.HistoricalDate.OfMonth(2015, 9, Domain.Dates.DateQualifier.Late), e.Occurred);
        Assert.Equal("TJ", e.Country.Value);
        Assert.Equal("p-1", e.Actors[0].Id.Value);
        Assert.Equal("Café \\ Party", e.Actors[0].Name);
        Assert.Equal(Domain.Actors.ActorKind.Party, e.Actors[0].Kind);
        Assert.Equal("«quoted»", e.Source.Evidence);
        Assert.Equal(Decoding.WithSerializer(nameof(PartyBanned), data), Decoding.WithDecoder(nameof(PartyBanned), data));
    }
}

public sealed class a_stored_event_from_a_newer_or_other_writer
{
    public static TheoryData<string> Types => new(Decoding.Types);

    [Theory]
    [MemberData(nameof(Types))]
    public void reads_the_same_with_unknown_properties_added_at_every_level(string type)
    {
        var written = Decoding.Populated(type);
        var data = Decoding.Changed(Decoding.Stored(written), root =>
        {
            foreach (var o in StoredJsonVariants.Objects(root)) o.Add("addedLater", JsonNode.Parse("""{"nested":[1,{"deeper":null}],"flag":true}"""));
        });

        Assert.Equal(written, Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data)).Event);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void reads_the_same_with_its_properties_in_another_order(string type)
    {
        var written = Decoding.Populated(type);
        var data = Decoding.Changed(Decoding.Stored(written), root =>
        {
            foreach (var o in StoredJsonVariants.Objects(root)) StoredJsonVariants.Reverse(o);
        });

        Assert.Equal(written, Assert.IsType<StoredEvent.Known>(Decoding.Decode(type, data)).Event);
    }

    [Theory]
    [InlineData("confidence", "\"high\"")]
    [InlineData("eventId", "12")]
    [InlineData("eventId", "\"not-a-guid\"")]
    [InlineData("actors", "{}")]
    [InlineData("source", "[]")]
    [InlineData("country", "5")]
    [InlineData("country", "null")]
    [InlineData("country", "\"XX\"")]
    [InlineData("speaker", "null")]
    [InlineData("occurred", "\"2015-02-30\"")]
    [InlineData("occurred", "\"٢٠١٥\"")]
    [InlineData("quotes", "\"one quote\"")]
    [InlineData("mentioned", "[null]")]
    public void with_a_value_of_the_wrong_type_reads_as_raw(string property, string value)
    {
        var data = Decoding.Changed(Decoding.Stored(Decoding.Populated(nameof(StatementMade))), root => root[property] = JsonNode.Parse(value));

        Assert.IsType<StoredEvent.Raw>(Decoding.Decode(nameof(StatementMade), data));
    }

    [Theory]
    [InlineData("\"in-person\"", MeetingFormat.InPerson)]
    [InlineData("\"InPerson\"", MeetingFormat.InPerson)]
    [InlineData("\"inperson\"", MeetingFormat.InPerson)]
    [InlineData("1", MeetingFormat.InPerson)]
    [InlineData("\"1\"", MeetingFormat.InPerson)]
    [InlineData("\"\\u0068ybrid\"", MeetingFormat.Hybrid)]
    public void reads_an_enum_in_every_spelling_the_serializer_took(string json, MeetingFormat expected)
    {
        var data = Decoding.Changed(Decoding.Stored(Decoding.Populated(nameof(ConferenceHeld))), root => root["format"] = JsonNode.Parse(json));

        Assert.Equal(expected, Assert.IsType<ConferenceHeld>(Assert.IsType<StoredEvent.Known>(Decoding.Decode(nameof(ConferenceHeld), data)).Event).Format);
    }

    [Theory]
    [InlineData("\"In-Person\"")]
    [InlineData("\"in person\"")]
    [InlineData("null")]
    [InlineData("1.5")]
    public void refuses_an_enum_spelling_the_serializer_refused(string json)
    {
        var data = Decoding.Changed(Decoding.Stored(Decoding.Populated(nameof(ConferenceHeld))), root => root["format"] = JsonNode.Parse(json));

        Assert.IsType<StoredEvent.Raw>(Decoding.Decode(nameof(ConferenceHeld), data));
    }
}

public sealed class stored_metadata
{
    [Theory]
    [InlineData("""{"schemaVersion":1,"extractor":"rules/1.4","contentType":"application/json"}""")]
    [InlineData("""{"contentType":"application/json","extractor":"rules/1.4","schemaVersion":1}""")]
    [InlineData("""{"schemaVersion":1,"extractor":"r\u00e9gles \"1\"","addedLater":{"x":[1,2]}}""")]
    [InlineData("""{"schemaVersion":1,"extractor":null,"contentType":null}""")]
    [InlineData("""{"extractor":"rules/1.4"}""")]
    [InlineData("""{"schemaVersion":1,"schemaVersion":0}""")]
    [InlineData("""null""")]
    [InlineData("""{}""")]
    public void reads_as_the_serializer_reads_it(string json)
    {
        var stored = DomainEventSerializer.Deserialize(Decoding.Recorded(nameof(StatementMade),
            Decoding.Stored(Decoding.Populated(nameof(StatementMade))), Encoding.UTF8.GetBytes(json)));

        var expected = JsonSerializer.Deserialize<EventMetadata>(json, EventJson.Options) ?? new EventMetadata { SchemaVersion = 1 };
        Assert.Equal(expected, Assert.IsType<StoredEvent.Known>(stored).Metadata);
    }

    [Theory]
    [InlineData("""{"schemaVersion":"1"}""")]
    [InlineData("""{"schemaVersion":null}""")]
    [InlineData("""{"schemaVersion":1""")]
    [InlineData("""[]""")]
    [InlineData("""{"schemaVersion":1} {}""")]
    public void that_cannot_be_read_makes_a_raw_event(string json)
    {
        var stored = DomainEventSerializer.Deserialize(Decoding.Recorded(nameof(StatementMade),
            Decoding.Stored(Decoding.Populated(nameof(StatementMade))), Encoding.UTF8.GetBytes(json)));

        Assert.Contains("metadata", Assert.IsType<StoredEvent.Raw>(stored).Reason);
    }
}

public sealed class many_stored_events_that_differ_in_one_character
{
    [Fact]
    public void each_decode_as_themselves_although_the_decoder_remembers_what_it_read()
    {
        // Given more distinct actors, sources and places of one length than the decoder's tables have slots, so that
        // several share a slot: a table that compared less than the whole bytes would hand back the wrong one
        var template = (StatementMade)Decoding.Populated(nameof(StatementMade));
        var events = Enumerable.Range(0, 10_000).Select(i => template with
        {
            Place = $"Place {i:D5}",
            Actors = new[] { new Domain.Actors.EventActor(Domain.Actors.ActorId.Parse($"person-{i:D5}"), $"Person {i:D5}", Domain.Actors.ActorKind.Person, Domain.Actors.ActorRole.Speaker) },
            Source = template.Source with { Evidence = $"Evidence {i:D5}" },
        }).ToList();

        // When they are decoded one after another, twice
        foreach (var written in events.Concat(events))
        {
            var decoded = Assert.IsType<StoredEvent.Known>(Decoding.Decode(nameof(StatementMade), Decoding.Stored(written))).Event;

            // Then each is the event written
            Assert.Equal(written, decoded);
        }
    }
}
