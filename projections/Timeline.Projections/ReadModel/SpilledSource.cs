using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Timeline.Domain.Dates;
using Timeline.Projections.Model;

namespace Timeline.Projections.ReadModel;

/// <summary>
/// A report as a key-by-key rebuild spills it between its two passes: the <see cref="EntrySource"/> field by field
/// and the ids of the actors whose timelines show it. Binary rather than the stored JSON because reading a
/// million sources back is the fold pass's largest cost: decoding them as JSON took a third of it. Read back from
/// one file at a time, so the few values that repeat across reports (types, countries, actors, outlets) are one
/// string each.
/// </summary>
internal static class SpilledSource
{
    /// <summary>
    /// The layout's version, kept in a rebuild's plan: a rebuild resumed by a build with another layout starts again
    /// instead of misreading the files. Raise it with every change to what <see cref="Write"/> writes.
    /// 2: dates as their parts instead of EDTF text.
    /// </summary>
    public const int Format = 2;

    public static void Write(BinaryWriter w, EntrySource s, IReadOnlyList<string> actorIds)
    {
        Span<byte> guid = stackalloc byte[16];
        s.EventId.TryWriteBytes(guid);
        w.Write(guid);
        w.Write(s.Position);
        w.Write(s.IngestedAtMs);
        w.Write(s.Key);
        w.Write(s.Type);
        w.Write(s.Country);
        WriteDate(w, s.Occurred);
        Optional(w, s.Place);
        w.Write(s.Actors.Count);
        foreach (var a in s.Actors)
        {
            w.Write(a.Id);
            w.Write(a.Name);
            w.Write(a.Kind);
            w.Write(a.Role);
        }
        w.Write(s.ArticleId);
        Optional(w, s.Title);
        Optional(w, s.Outlet);
        Optional(w, s.Url);
        Optional(w, s.Published);
        w.Write(s.Evidence);
        w.Write(s.Confidence);
        Optional(w, s.Cameo);
        w.Write(s.Summary);
        w.Write(s.Quotes.Count);
        foreach (var q in s.Quotes) w.Write(q);
        Optional(w, s.Gist);
        Optional(w, s.Name);
        w.Write(actorIds.Count);
        foreach (var id in actorIds) w.Write(id);
    }

    /// <summary>
    /// A date as its four parts (year, month, day, qualifier; 0 for no month or day), not as EDTF text: every report
    /// would otherwise format its date in the read pass and parse it back in the fold pass.
    /// </summary>
    private static void WriteDate(BinaryWriter w, HistoricalDate date)
    {
        w.Write((short)date.Year);
        w.Write((byte)(date.Month ?? 0));
        w.Write((byte)(date.Day ?? 0));
        w.Write((byte)date.Qualifier);
    }

    private static void Optional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    /// <summary>
    /// Reads the records of one spill file in the order they were written. Values that many reports of a file repeat
    /// (keys, types, countries, actors, outlets) are one string each, and equal dates one date; values of one article
    /// are not looked up, because a lookup that misses in a table of every string of the file costs more than the
    /// string it would save.
    /// </summary>
    public sealed class Reader(ReadOnlyMemory<byte> bytes)
    {
        // The default comparer, not StringComparer.Ordinal: the same ordinal equality, but it hashes without
        // randomisation, and a fold looks up some fifteen strings per report.
        private readonly Dictionary<string, string> _strings = new();
        // An actor is the same four shared strings in many reports of a file, so one EntryActor serves them all. The
        // strings are compared as references: Shared gives equal strings as one instance.
        private readonly Dictionary<(string Id, string Name, string Kind, string Role), EntryActor> _actors = new(SameStrings.Instance);
        private readonly Dictionary<int, HistoricalDate> _dates = new();
        private int _at;

        public bool More => _at < bytes.Length;

        public (EntrySource Source, string[] ActorIds) Next()
        {
            var span = bytes.Span;
            var eventId = new Guid(span.Slice(_at, 16));
            _at += 16;
            var position = BinaryPrimitives.ReadUInt64LittleEndian(span[_at..]);
            _at += 8;
            var ingested = BinaryPrimitives.ReadInt64LittleEndian(span[_at..]);
            _at += 8;
            var key = Shared();
            var type = Shared();
            var country = Shared();
            var occurred = Date();
            var place = Optional(shared: true);
            var actors = new EntryActor[Int()];
            for (var i = 0; i < actors.Length; i++) actors[i] = Actor((Shared(), Shared(), Shared(), Shared()));
            // An article's own values: its events mostly have other keys, so they land in other files and rarely repeat here.
            var articleId = Own();
            var title = Optional(shared: false);
            var outlet = Optional(shared: true);
            var url = Optional(shared: false);
            var published = Optional(shared: true);
            var evidence = Own();
            var confidence = BinaryPrimitives.ReadDoubleLittleEndian(span[_at..]);
            _at += 8;
            var cameo = Optional(shared: true);
            var summary = Own();
            var quotes = new string[Int()];
            for (var i = 0; i < quotes.Length; i++) quotes[i] = Own();
            var gist = Optional(shared: false);
            var name = Optional(shared: true);
            var ids = new string[Int()];
            for (var i = 0; i < ids.Length; i++) ids[i] = Shared();
            var source = new EntrySource
            {
                EventId = eventId, Position = position, IngestedAtMs = ingested, Key = key, Type = type, Country = country,
                Occurred = occurred, Place = place, Actors = actors, ArticleId = articleId, Title = title, Outlet = outlet, Url = url,
                Published = published, Evidence = evidence, Confidence = confidence, Cameo = cameo, Summary = summary,
                Quotes = quotes, Gist = gist, Name = name,
            };
            return (source, ids);
        }

        private EntryActor Actor((string Id, string Name, string Kind, string Role) strings)
        {
            if (_actors.TryGetValue(strings, out var known)) return known;
            var made = new EntryActor(strings.Id, strings.Name, strings.Kind, strings.Role);
            _actors[strings] = made;
            return made;
        }

        private sealed class SameStrings : IEqualityComparer<(string, string, string, string)>
        {
            public static readonly SameStrings Instance = new();

            public bool Equals((string, string, string, string) a, (string, string, string, string) b) =>
                ReferenceEquals(a.Item1, b.Item1) && ReferenceEquals(a.Item2, b.Item2) && ReferenceEquals(a.Item3, b.Item3) && ReferenceEquals(a.Item4, b.Item4);

            public int GetHashCode((string, string, string, string) s) =>
                HashCode.Combine(RuntimeHelpers.GetHashCode(s.Item1), RuntimeHelpers.GetHashCode(s.Item2),
                    RuntimeHelpers.GetHashCode(s.Item3), RuntimeHelpers.GetHashCode(s.Item4));
        }

        /// <summary>A date written by <see cref="WriteDate"/>; the reports of a file that share a date share one instance.</summary>
        private HistoricalDate Date()
        {
            var span = bytes.Span;
            var year = BinaryPrimitives.ReadInt16LittleEndian(span[_at..]);
            int month = span[_at + 2], day = span[_at + 3], qualifier = span[_at + 4];
            _at += 5;
            // Year (14 bits), month (4), day (5), qualifier (3).
            var packed = year << 12 | month << 8 | day << 3 | qualifier;
            if (_dates.TryGetValue(packed, out var known)) return known;
            var made = new HistoricalDate(year, month == 0 ? null : month, day == 0 ? null : day, (DateQualifier)qualifier);
            _dates[packed] = made;
            return made;
        }

        private int Int()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(bytes.Span[_at..]);
            _at += 4;
            return value;
        }

        private string? Optional(bool shared)
        {
            var present = bytes.Span[_at++] != 0;
            return !present ? null : shared ? Shared() : Own();
        }

        private ReadOnlySpan<byte> Utf8()
        {
            // BinaryWriter's string: a 7-bit encoded byte length, then UTF-8.
            var span = bytes.Span;
            int size = 0, shift = 0;
            byte b;
            do
            {
                b = span[_at++];
                size |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            var utf8 = span.Slice(_at, size);
            _at += size;
            return utf8;
        }

        private string Own() => Encoding.UTF8.GetString(Utf8());

        /// <summary>A string that other reports of the file likely repeat.</summary>
        private string Shared()
        {
            var utf8 = Utf8();
            Span<char> chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
            var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var known)) return known;
            var made = new string(text);
            _strings[made] = made;
            return made;
        }
    }
}
