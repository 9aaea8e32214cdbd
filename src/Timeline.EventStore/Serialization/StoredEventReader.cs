using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.Domain.Serialization;

namespace Timeline.EventStore.Serialization;

/// <summary>
/// Reads the stored JSON of the five event types and of their metadata by hand, over <see cref="Utf8JsonReader"/>.
/// A replay decodes every stored event, and System.Text.Json's reflection path (with the parameterized constructor of
/// <see cref="EventActor"/>) cost about 8 µs and 2.5 KB per event, the largest single cost of a replay.
/// </summary>
/// <remarks>
/// It reads what <see cref="EventJson.Options"/> reads, the way the serializer reads it: property names matched exactly
/// on their UTF-8 bytes, unknown properties skipped (newer writers may add optional ones), the properties marked
/// <c>required</c> required, null taken where the serializer takes it (reference types and lists; not value types such
/// as ids and country codes, whose converters refuse it), and the last of duplicate properties winning. Enum values in
/// any other spelling than the one written, and durations, are handed to the serializer's own converters, so
/// whatever it accepted (numbers, C# names in any case) it still accepts. Writing stays with the serializer.
/// Bad data throws <see cref="JsonException"/>; a date in another script's digits throws <see cref="FormatException"/>
/// (see <see cref="HistoricalDate.TryParseEdtf(ReadOnlySpan{char}, out HistoricalDate, out string)"/>).
/// </remarks>
internal ref struct StoredEventReader
{
    // Longer strings are mostly unique (quotes, evidence, URLs): remembering them would only push out the ones that repeat.
    private const int ShortString = 48;
    private const int MaxDateChars = 64;

    private Utf8JsonReader _reader;
    private readonly ReadOnlySpan<byte> _utf8;
    /// <summary>Where in <see cref="_utf8"/> the reader's bytes begin: past a source that was not read again (see <see cref="Source"/>).</summary>
    private int _base;
    private readonly Caches _caches;

    private StoredEventReader(ReadOnlySpan<byte> utf8)
    {
        _utf8 = utf8;
        // The reader's defaults are the serializer's: depth 64, no comments, no trailing commas, one value.
        _reader = new Utf8JsonReader(utf8);
        _caches = Caches.ForThisThread;
    }

    /// <summary>The event stored as <paramref name="type"/>, or null when the document is JSON null.</summary>
    public static IDomainEvent? ReadEvent(Type type, ReadOnlySpan<byte> utf8)
    {
        var json = new StoredEventReader(utf8);
        json.Next();
        IDomainEvent? e = null;
        if (json._reader.TokenType != JsonTokenType.Null)
        {
            json.Expect(JsonTokenType.StartObject, type.Name);
            e = type == typeof(StatementMade) ? json.ReadStatementMade()
                : type == typeof(PartyBanned) ? json.ReadPartyBanned()
                : type == typeof(ArticleIngested) ? json.ReadArticleIngested()
                : type == typeof(ConferenceHeld) ? json.ReadConferenceHeld()
                : type == typeof(InternetOutage) ? json.ReadInternetOutage()
                : throw new InvalidOperationException($"{type.Name} is in {nameof(EventTypeMap)} but {nameof(StoredEventReader)} cannot read it.");
        }
        json.End();
        return e;
    }

    /// <summary>The metadata, or null when the document is JSON null.</summary>
    public static EventMetadata? ReadMetadata(ReadOnlySpan<byte> utf8)
    {
        var json = new StoredEventReader(utf8);
        json.Next();
        EventMetadata? metadata = null;
        if (json._reader.TokenType != JsonTokenType.Null)
        {
            json.Expect(JsonTokenType.StartObject, nameof(EventMetadata));
            int schemaVersion = 0;
            string? extractor = null;
            var contentType = EventData.JsonContentType;
            while (json.NextProperty())
            {
                if (json.Is("schemaVersion"u8)) schemaVersion = json.Int32();
                else if (json.Is("extractor"u8)) extractor = json.String();
                else if (json.Is("contentType"u8)) contentType = json.String()!;
                else json.SkipValue();
            }
            metadata = new EventMetadata { SchemaVersion = schemaVersion, Extractor = extractor, ContentType = contentType };
        }
        json.End();
        return metadata;
    }

    private StatementMade ReadStatementMade()
    {
        var common = new TimelineFields();
        ActorId speaker = default;
        var hasSpeaker = false;
        string? speakerRole = null, gist = null, venue = null;
        var quotes = ValueList<string>.Empty;
        var mentioned = ValueList<ActorId>.Empty;
        while (NextProperty())
        {
            if (Is("speaker"u8))
            {
                speaker = ActorId();
                hasSpeaker = true;
            }
            else if (Is("speakerRole"u8)) speakerRole = ShortOrLongString();
            else if (Is("quotes"u8)) quotes = StringList(remember: false);
            else if (Is("gist"u8)) gist = String();
            else if (Is("mentioned"u8)) mentioned = ActorIdList();
            else if (Is("venue"u8)) venue = ShortOrLongString();
            else if (!TryReadTimelineField(ref common)) SkipValue();
        }
        common.ThrowIfMissing(nameof(StatementMade), hasSpeaker ? null : "speaker");
        return new StatementMade
        {
            EventId = common.EventId, Occurred = common.Occurred!, Country = common.Country, Place = common.Place, Actors = common.Actors,
            Source = common.Source!, Confidence = common.Confidence, Cameo = common.Cameo!,
            Speaker = speaker, SpeakerRole = speakerRole, Quotes = quotes, Gist = gist, Mentioned = mentioned, Venue = venue,
        };
    }

    private PartyBanned ReadPartyBanned()
    {
        var common = new TimelineFields();
        ActorId party = default;
        var hasParty = false;
        ActorId? banningAuthority = null;
        string? designation = null, legalAct = null;
        while (NextProperty())
        {
            if (Is("party"u8))
            {
                party = ActorId();
                hasParty = true;
            }
            else if (Is("banningAuthority"u8)) banningAuthority = NullableActorId();
            else if (Is("designation"u8)) designation = ShortOrLongString();
            else if (Is("legalAct"u8)) legalAct = ShortOrLongString();
            else if (!TryReadTimelineField(ref common)) SkipValue();
        }
        common.ThrowIfMissing(nameof(PartyBanned), hasParty ? null : "party");
        return new PartyBanned
        {
            EventId = common.EventId, Occurred = common.Occurred!, Country = common.Country, Place = common.Place, Actors = common.Actors,
            Source = common.Source!, Confidence = common.Confidence, Cameo = common.Cameo!,
            Party = party, BanningAuthority = banningAuthority, Designation = designation, LegalAct = legalAct,
        };
    }

    private ConferenceHeld ReadConferenceHeld()
    {
        var common = new TimelineFields();
        string? name = null, purpose = null;
        var hasName = false;
        ActorId? organizer = null;
        var participants = ValueList<ActorId>.Empty;
        var format = MeetingFormat.Unknown;
        int? attendance = null, expectedAttendance = null;
        while (NextProperty())
        {
            if (Is("name"u8))
            {
                name = ShortOrLongString();
                hasName = true;
            }
            else if (Is("organizer"u8)) organizer = NullableActorId();
            else if (Is("participants"u8)) participants = ActorIdList();
            else if (Is("format"u8)) format = Enum<MeetingFormat>();
            else if (Is("attendance"u8)) attendance = NullableInt32();
            else if (Is("expectedAttendance"u8)) expectedAttendance = NullableInt32();
            else if (Is("purpose"u8)) purpose = ShortOrLongString();
            else if (!TryReadTimelineField(ref common)) SkipValue();
        }
        common.ThrowIfMissing(nameof(ConferenceHeld), hasName ? null : "name");
        return new ConferenceHeld
        {
            EventId = common.EventId, Occurred = common.Occurred!, Country = common.Country, Place = common.Place, Actors = common.Actors,
            Source = common.Source!, Confidence = common.Confidence, Cameo = common.Cameo!,
            Name = name!, Organizer = organizer, Participants = participants, Format = format, Attendance = attendance,
            ExpectedAttendance = expectedAttendance, Purpose = purpose,
        };
    }

    private InternetOutage ReadInternetOutage()
    {
        var common = new TimelineFields();
        var extent = OutageExtent.Unknown;
        var networks = ValueList<string>.Empty;
        TimeSpan? duration = null;
        string? durationText = null, officialExplanation = null;
        ActorId? reportedBy = null;
        while (NextProperty())
        {
            if (Is("extent"u8)) extent = Enum<OutageExtent>();
            else if (Is("networks"u8)) networks = StringList(remember: true);
            else if (Is("duration"u8)) duration = NullableTimeSpan();
            else if (Is("durationText"u8)) durationText = ShortOrLongString();
            else if (Is("officialExplanation"u8)) officialExplanation = ShortOrLongString();
            else if (Is("reportedBy"u8)) reportedBy = NullableActorId();
            else if (!TryReadTimelineField(ref common)) SkipValue();
        }
        common.ThrowIfMissing(nameof(InternetOutage), null);
        return new InternetOutage
        {
            EventId = common.EventId, Occurred = common.Occurred!, Country = common.Country, Place = common.Place, Actors = common.Actors,
            Source = common.Source!, Confidence = common.Confidence, Cameo = common.Cameo!,
            Extent = extent, Networks = networks, Duration = duration, DurationText = durationText,
            OfficialExplanation = officialExplanation, ReportedBy = reportedBy,
        };
    }

    private ArticleIngested ReadArticleIngested()
    {
        Guid eventId = default;
        ArticleId articleId = default;
        string? title = null, outlet = null, url = null, language = null, contentHash = null, extractorVersion = null;
        HistoricalDate? published = null;
        DateTimeOffset ingestedAt = default;
        var eventCount = 0;
        var seen = Required.None;
        while (NextProperty())
        {
            if (Is("eventId"u8))
            {
                eventId = Guid();
                seen |= Required.EventId;
            }
            else if (Is("articleId"u8))
            {
                articleId = ArticleId();
                seen |= Required.ArticleId;
            }
            else if (Is("title"u8)) title = String();
            else if (Is("outlet"u8)) outlet = ShortOrLongString();
            else if (Is("url"u8)) url = String();
            else if (Is("published"u8)) published = Date();
            else if (Is("language"u8)) language = ShortOrLongString();
            else if (Is("contentHash"u8))
            {
                contentHash = ShortOrLongString();
                seen |= Required.ContentHash;
            }
            else if (Is("ingestedAt"u8))
            {
                ingestedAt = DateTimeOffset();
                seen |= Required.IngestedAt;
            }
            else if (Is("extractorVersion"u8))
            {
                extractorVersion = ShortOrLongString();
                seen |= Required.ExtractorVersion;
            }
            else if (Is("eventCount"u8)) eventCount = Int32();
            else SkipValue();
        }
        ThrowIfMissing(nameof(ArticleIngested), seen, Required.EventId | Required.ArticleId | Required.ContentHash | Required.IngestedAt | Required.ExtractorVersion);
        return new ArticleIngested
        {
            EventId = eventId, ArticleId = articleId, Title = title, Outlet = outlet, Url = url, Published = published, Language = language,
            ContentHash = contentHash!, IngestedAt = ingestedAt, ExtractorVersion = extractorVersion!, EventCount = eventCount,
        };
    }

    /// <summary>The properties every <see cref="TimelineEvent"/> has, read in whatever order they come.</summary>
    private struct TimelineFields
    {
        public Guid EventId;
        public HistoricalDate? Occurred;
        public CountryCode Country;
        public string? Place;
        public ValueList<EventActor> Actors;
        public EventSource? Source;
        public double Confidence;
        public string? Cameo;
        public Required Seen;

        public readonly void ThrowIfMissing(string type, string? ownMissing)
        {
            if (ownMissing is not null) throw MissingRequired(type, ownMissing);
            StoredEventReader.ThrowIfMissing(type, Seen,
                Required.EventId | Required.Occurred | Required.Country | Required.Actors | Required.Source | Required.Confidence | Required.Cameo);
        }
    }

    private bool TryReadTimelineField(ref TimelineFields fields)
    {
        if (Is("eventId"u8))
        {
            fields.EventId = Guid();
            fields.Seen |= Required.EventId;
        }
        else if (Is("occurred"u8))
        {
            fields.Occurred = Date();
            fields.Seen |= Required.Occurred;
        }
        else if (Is("country"u8))
        {
            fields.Country = Country();
            fields.Seen |= Required.Country;
        }
        else if (Is("place"u8)) fields.Place = ShortOrLongString();
        else if (Is("actors"u8))
        {
            fields.Actors = ActorList();
            fields.Seen |= Required.Actors;
        }
        else if (Is("source"u8))
        {
            fields.Source = Source();
            fields.Seen |= Required.Source;
        }
        else if (Is("confidence"u8))
        {
            fields.Confidence = Double();
            fields.Seen |= Required.Confidence;
        }
        else if (Is("cameo"u8))
        {
            fields.Cameo = ShortOrLongString();
            fields.Seen |= Required.Cameo;
        }
        else return false;
        return true;
    }

    private EventSource? Source()
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        Expect(JsonTokenType.StartObject, nameof(EventSource));
        // The events of one article come one after another and share their source. When this event's source has the
        // bytes of the last one read, the reader goes on after it in the state it was in after reading that one: the
        // same state, since the source was in the same place (a property of the event object). So it is neither read
        // again nor allocated.
        var start = Position;
        var atEventLevel = _reader.CurrentDepth == 1;
        if (atEventLevel && _caches.LastSource is { } last && _utf8[start..].StartsWith(last.Bytes))
        {
            _base = start + last.Bytes.Length;
            _reader = new Utf8JsonReader(_utf8[_base..], isFinalBlock: true, last.StateAfter);
            return last.Source;
        }

        ArticleId articleId = default;
        string? title = null, outlet = null, url = null, evidence = null;
        HistoricalDate? published = null;
        TextSpan evidenceSpan = default;
        var seen = Required.None;
        while (NextProperty())
        {
            if (Is("articleId"u8))
            {
                articleId = ArticleId();
                seen |= Required.ArticleId;
            }
            else if (Is("title"u8)) title = String();
            else if (Is("outlet"u8)) outlet = ShortOrLongString();
            else if (Is("url"u8)) url = String();
            else if (Is("published"u8)) published = Date();
            else if (Is("evidence"u8))
            {
                evidence = String();
                seen |= Required.Evidence;
            }
            else if (Is("evidenceSpan"u8))
            {
                evidenceSpan = TextSpan();
                seen |= Required.EvidenceSpan;
            }
            else SkipValue();
        }
        ThrowIfMissing(nameof(EventSource), seen, Required.ArticleId | Required.Evidence | Required.EvidenceSpan);
        var source = new EventSource
        {
            ArticleId = articleId, Title = title, Outlet = outlet, Url = url, Published = published, Evidence = evidence!, EvidenceSpan = evidenceSpan,
        };
        if (atEventLevel) _caches.LastSource = LastSourceRead.Of(_caches.LastSource, _utf8[start..(_base + (int)_reader.BytesConsumed)], source, _reader.CurrentState);
        return source;
    }

    private TextSpan TextSpan()
    {
        // A struct without a converter: the serializer refuses null for it.
        Expect(JsonTokenType.StartObject, nameof(Domain.Events.TextSpan));
        int start = 0, length = 0;
        while (NextProperty())
        {
            if (Is("start"u8)) start = Int32();
            else if (Is("length"u8)) length = Int32();
            // "end" is written but computed: the serializer skips it on reading, whatever it holds.
            else SkipValue();
        }
        return new TextSpan(start, length);
    }

    private ValueList<EventActor> ActorList()
    {
        if (_reader.TokenType == JsonTokenType.Null) return ValueList<EventActor>.Empty;
        Expect(JsonTokenType.StartArray, "a list of actors");
        var items = new ListBuilder<EventActor>();
        while (NextItem()) items.Add(_reader.TokenType == JsonTokenType.Null ? null! : Actor());
        return items.ToValueList();
    }

    private EventActor Actor()
    {
        Expect(JsonTokenType.StartObject, nameof(EventActor));
        // The same few thousand actors take part in event after event: each is read once and then found by its bytes.
        var start = Position;
        var ahead = _reader;
        ahead.Skip();
        var bytes = _utf8[start..(_base + (int)ahead.BytesConsumed)];
        if (_caches.Actors.TryGet(bytes, out var slot, out var known))
        {
            _reader = ahead;
            return known;
        }

        // A positional record, read by the serializer through its constructor: nothing is required, and an absent
        // property is its type's default.
        ActorId id = default;
        string? name = null;
        var kind = default(ActorKind);
        var role = default(ActorRole);
        while (NextProperty())
        {
            if (Is("id"u8)) id = ActorId();
            else if (Is("name"u8)) name = ShortOrLongString();
            else if (Is("kind"u8)) kind = Enum<ActorKind>();
            else if (Is("role"u8)) role = Enum<ActorRole>();
            else SkipValue();
        }
        var actor = new EventActor(id, name!, kind, role);
        _caches.Actors.Set(slot, bytes, actor);
        return actor;
    }

    private ValueList<string> StringList(bool remember)
    {
        if (_reader.TokenType == JsonTokenType.Null) return ValueList<string>.Empty;
        Expect(JsonTokenType.StartArray, "a list of strings");
        var items = new ListBuilder<string>();
        while (NextItem()) items.Add(remember ? ShortOrLongString()! : String()!);
        return items.ToValueList();
    }

    private ValueList<ActorId> ActorIdList()
    {
        if (_reader.TokenType == JsonTokenType.Null) return ValueList<ActorId>.Empty;
        Expect(JsonTokenType.StartArray, "a list of actor ids");
        var items = new ListBuilder<ActorId>();
        while (NextItem()) items.Add(ActorId());
        return items.ToValueList();
    }

    /// <summary>A list's items in an array of exactly their number (lists here hold one to a few items).</summary>
    private struct ListBuilder<T>
    {
        private T[]? _items;
        private int _count;

        public void Add(T item)
        {
            _items ??= new T[1];
            if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            _items[_count++] = item;
        }

        public ValueList<T> ToValueList()
        {
            if (_items is null) return ValueList<T>.Empty;
            if (_count != _items.Length) Array.Resize(ref _items, _count);
            return ValueList<T>.Wrap(ImmutableCollectionsMarshal.AsImmutableArray(_items));
        }
    }

    // ---- Values. Each is called with the reader on the value's first token and leaves it on its last.

    private Guid Guid()
    {
        if (_reader.TokenType == JsonTokenType.String && _reader.TryGetGuid(out var value)) return value;
        throw NotA("Guid");
    }

    private double Double()
    {
        if (_reader.TokenType == JsonTokenType.Number && _reader.TryGetDouble(out var value)) return value;
        throw NotA("number");
    }

    private int Int32()
    {
        if (_reader.TokenType == JsonTokenType.Number && _reader.TryGetInt32(out var value)) return value;
        throw NotA("32-bit integer");
    }

    private int? NullableInt32() => _reader.TokenType == JsonTokenType.Null ? null : Int32();

    private DateTimeOffset DateTimeOffset()
    {
        if (_reader.TokenType == JsonTokenType.String && _reader.TryGetDateTimeOffset(out var value)) return value;
        throw NotA("date and time");
    }

    /// <summary>Rare, and in the serializer's own format (which takes "1:30" and "90" as well): its converter reads it.</summary>
    private TimeSpan? NullableTimeSpan() =>
        _reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref _reader, Stj.TimeSpan);

    /// <summary>A string, or null for JSON null.</summary>
    private string? String()
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.String) throw NotA("string");
        return _reader.GetString();
    }

    /// <summary>
    /// A string such as a CAMEO code, a place, a designation or an actor id, which repeats from event to event: a short
    /// one is looked up by its bytes instead of being allocated again.
    /// </summary>
    private string? ShortOrLongString()
    {
        if (_reader.TokenType != JsonTokenType.String || _reader.ValueIsEscaped || _reader.ValueSpan.Length > ShortString) return String();
        var bytes = _reader.ValueSpan;
        if (_caches.Strings.TryGet(bytes, out var slot, out var known)) return known;
        var text = _reader.GetString()!;
        _caches.Strings.Set(slot, bytes, text);
        return text;
    }

    private ActorId ActorId()
    {
        // A value type with a converter: the serializer hands it null too, which it refuses.
        if (_reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) throw NotA("actor id");
        var text = ShortOrLongString();
        return Domain.Actors.ActorId.TryParse(text, out var id) ? id : throw new JsonException($"'{text}' is not an actor id.");
    }

    private ActorId? NullableActorId() => _reader.TokenType == JsonTokenType.Null ? null : ActorId();

    private ArticleId ArticleId()
    {
        if (_reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) throw NotA("article id");
        return Domain.Events.ArticleId.TryParse(String(), out var id, out var error) ? id : throw new JsonException(error);
    }

    private CountryCode Country()
    {
        if (_reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) throw NotA("country code");
        if (_reader.TokenType == JsonTokenType.String && !_reader.ValueIsEscaped && _reader.ValueSpan is [var first, var second]
            && Countries.TryGet(first, second, out var known))
            return known;
        var text = String();
        return CountryCode.TryParse(text, out var code) ? code : throw new JsonException($"'{text}' is not a country code.");
    }

    private HistoricalDate? Date()
    {
        if (_reader.TokenType == JsonTokenType.Null) return null;
        if (_reader.TokenType != JsonTokenType.String) throw NotA("date");
        bool parsed;
        HistoricalDate date;
        string error;
        if (_reader.ValueSpan.Length <= MaxDateChars)
        {
            // Read from characters on the stack: a date needs no string of its own.
            Span<char> chars = stackalloc char[MaxDateChars];
            var length = _reader.CopyString(chars);
            parsed = HistoricalDate.TryParseEdtf(chars[..length], out date, out error);
        }
        else parsed = HistoricalDate.TryParseEdtf(_reader.GetString(), out date, out error);
        return parsed ? date : throw new JsonException(error);
    }

    private T Enum<T>() where T : struct, Enum
    {
        if (_reader.TokenType == JsonTokenType.String && !_reader.ValueIsEscaped)
        {
            var names = KebabNames<T>.Utf8;
            for (var i = 0; i < names.Length; i++)
                if (_reader.ValueSpan.SequenceEqual(names[i]))
                    return KebabNames<T>.Values[i];
        }
        // Any other spelling (a number, the C# name in any case, an escape) goes to the serializer's converter.
        return JsonSerializer.Deserialize(ref _reader, KebabNames<T>.Converter);
    }

    private static class KebabNames<T> where T : struct, Enum
    {
        public static readonly T[] Values = System.Enum.GetValues<T>();
        public static readonly byte[][] Utf8 = Values.Select(v => Encoding.UTF8.GetBytes(KebabName.Of(v))).ToArray();
        public static readonly JsonTypeInfo<T> Converter = (JsonTypeInfo<T>)EventJson.Options.GetTypeInfo(typeof(T));
    }

    private static class Stj
    {
        public static readonly JsonTypeInfo<TimeSpan> TimeSpan = (JsonTypeInfo<TimeSpan>)EventJson.Options.GetTypeInfo(typeof(TimeSpan));
    }

    /// <summary>Every known country code by its two letters in either case, read without making a string.</summary>
    private static class Countries
    {
        private static readonly CountryCode?[] ByLetters = Create();

        public static bool TryGet(byte first, byte second, out CountryCode code)
        {
            code = default;
            var index = Index(first, second);
            if (index < 0 || ByLetters[index] is not { } known) return false;
            code = known;
            return true;
        }

        private static int Index(byte first, byte second)
        {
            var a = (first | 0x20) - 'a';
            var b = (second | 0x20) - 'a';
            return a is >= 0 and < 26 && b is >= 0 and < 26 ? a * 26 + b : -1;
        }

        private static CountryCode?[] Create()
        {
            var table = new CountryCode?[26 * 26];
            foreach (var code in CountryCode.All) table[Index((byte)code.Value[0], (byte)code.Value[1])] = code;
            return table;
        }
    }

    // ---- Structure.

    /// <summary>Where the current token begins in the whole document.</summary>
    private readonly int Position => _base + (int)_reader.TokenStartIndex;

    private bool Is(ReadOnlySpan<byte> name)
    {
        if (!_reader.ValueTextEquals(name)) return false;
        Next();
        return true;
    }

    private void Next()
    {
        if (!_reader.Read()) throw new JsonException("The stored JSON ends before its value does.");
    }

    /// <summary>Moves to the next property name of the object, or returns false at its end.</summary>
    private bool NextProperty()
    {
        Next();
        return _reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Moves to the next item of the array, or returns false at its end.</summary>
    private bool NextItem()
    {
        Next();
        return _reader.TokenType != JsonTokenType.EndArray;
    }

    private void SkipValue()
    {
        Next();
        _reader.Skip();
    }

    private void Expect(JsonTokenType token, string what)
    {
        if (_reader.TokenType != token) throw NotA(what);
    }

    /// <summary>Nothing may follow the value but white space, as the serializer requires.</summary>
    private void End()
    {
        if (_reader.Read()) throw new JsonException($"The stored JSON goes on after its value, at byte {Position}.");
    }

    private JsonException NotA(string what) =>
        new($"The JSON value ({_reader.TokenType}) at byte {Position} could not be read as a {what}.");

    [Flags]
    private enum Required
    {
        None = 0,
        EventId = 1 << 0,
        Occurred = 1 << 1,
        Country = 1 << 2,
        Actors = 1 << 3,
        Source = 1 << 4,
        Confidence = 1 << 5,
        Cameo = 1 << 6,
        ArticleId = 1 << 7,
        Evidence = 1 << 8,
        EvidenceSpan = 1 << 9,
        ContentHash = 1 << 10,
        IngestedAt = 1 << 11,
        ExtractorVersion = 1 << 12,
    }

    private static void ThrowIfMissing(string type, Required seen, Required required)
    {
        var missing = required & ~seen;
        if (missing != Required.None) throw MissingRequired(type, missing.ToString());
    }

    private static JsonException MissingRequired(string type, string properties) =>
        new($"{type} is missing required properties: {properties}.");

    /// <summary>A source as read last, the bytes it was read from, and the reader's state right after them.</summary>
    private sealed record LastSourceRead(byte[] Bytes, EventSource Source, JsonReaderState StateAfter)
    {
        /// <summary>Reuses the previous one's array when the bytes are as long (sources of one workload mostly are).</summary>
        public static LastSourceRead Of(LastSourceRead? previous, ReadOnlySpan<byte> bytes, EventSource source, JsonReaderState stateAfter)
        {
            var array = previous?.Bytes.Length == bytes.Length ? previous.Bytes : new byte[bytes.Length];
            bytes.CopyTo(array);
            return new LastSourceRead(array, source, stateAfter);
        }
    }

    /// <summary>The tables of one thread.</summary>
    private sealed class Caches
    {
        [ThreadStatic] private static Caches? _forThisThread;

        public static Caches ForThisThread => _forThisThread ??= new Caches();

        public LastSourceRead? LastSource;
        public readonly RecentlyDecoded<EventActor> Actors = new(4096);
        public readonly RecentlyDecoded<string> Strings = new(1024);
    }
}
