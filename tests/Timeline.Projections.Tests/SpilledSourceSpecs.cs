using System.Collections;
using Timeline.Domain.Dates;
using Timeline.Projections.Model;
using Timeline.Projections.ReadModel;

namespace Timeline.Projections.Tests;

/// <summary>
/// A key-by-key rebuild spills each report between its passes (<see cref="SpilledSource"/>) and writes the entry's JSON
/// from what it reads back: anything the spill dropped or changed would make a replayed read model differ from a live one.
/// </summary>
public sealed class a_spilled_report
{
    private static EntrySource EverythingSet(int n) => new()
    {
        EventId = Guid.Parse($"00000000-0000-0000-0000-{n:D12}"),
        Position = (ulong)(1_000 + n),
        IngestedAtMs = 1_700_000_000_000 + n,
        Key = "StatementMade|kabiri|TJ",
        Type = "StatementMade",
        Country = "TJ",
        Occurred = HistoricalDate.OfMonth(2015, 9, DateQualifier.Late),
        Place = "Dushanbe",
        Actors = [new EntryActor("kabiri", "Muhiddin Kabiri", "person", "speaker"), new EntryActor("irpt", "IRPT", "party", "mentioned")],
        ArticleId = $"article-{n}",
        Title = "Заголовок \"quoted\" — ünïcode",
        Outlet = "Wire",
        Url = "https://example.org/a?b=c&d=e",
        Published = "2015-10-01",
        Evidence = "\"We will not stop,\" Kabiri said — «in Dushanbe».",
        Confidence = 0.8125,
        Cameo = "010",
        Summary = "Muhiddin Kabiri: we will not stop",
        Quotes = ["We will not stop", "a second quote"],
        Gist = "will not stop",
        Name = "Congress of the party",
    };

    [Fact]
    public void reads_back_as_the_same_source_with_the_actors_it_names()
    {
        // Given two reports with every field of a source set (a field added later must be set here too)
        var sources = new[] { EverythingSet(1), EverythingSet(2) with { Place = null, Gist = null, Quotes = [] } };
        foreach (var property in typeof(EntrySource).GetProperties())
        {
            var value = property.GetValue(sources[0]);
            Assert.False(value is null || value is IList { Count: 0 } || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))),
                $"The sample leaves {property.Name} unset.");
        }

        // When they are spilled and read back
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            SpilledSource.Write(writer, sources[0], ["kabiri", "irpt"]);
            SpilledSource.Write(writer, sources[1], ["kabiri"]);
        }
        var reader = new SpilledSource.Reader(file.ToArray());
        var first = reader.Next();
        var second = reader.Next();

        // Then each is stored as exactly the same JSON, with its actor ids, and nothing is left over
        Assert.Equal(EntryJson.SerializeSource(sources[0]), EntryJson.SerializeSource(first.Source));
        Assert.Equal(EntryJson.SerializeSource(sources[1]), EntryJson.SerializeSource(second.Source));
        Assert.Equal(["kabiri", "irpt"], first.ActorIds);
        Assert.Equal(["kabiri"], second.ActorIds);
        Assert.False(reader.More);
        // And a value both repeat is one string
        Assert.Same(first.Source.Key, second.Source.Key);
        Assert.Same(first.Source.Outlet, second.Source.Outlet);
        Assert.Same(first.Source.Actors[0].Name, second.Source.Actors[0].Name);
    }

    [Fact]
    public void reads_back_with_its_date_in_every_shape_a_date_takes()
    {
        // Given reports dated by a day, an approximate day and month, a year, and each part of a month and of a year
        HistoricalDate[] dates =
        [
            HistoricalDate.OfDay(2017, 7, 9), HistoricalDate.OfDay(2017, 7, 9, approximate: true), HistoricalDate.OfMonth(2015, 9),
            HistoricalDate.OfMonth(2015, 9, DateQualifier.Approximate), HistoricalDate.OfYear(1), HistoricalDate.OfYear(9999, DateQualifier.Approximate),
            .. new[] { DateQualifier.Early, DateQualifier.Mid, DateQualifier.Late }.SelectMany(q => new[] { HistoricalDate.OfMonth(2016, 2, q), HistoricalDate.OfYear(2016, q) }),
        ];

        // When they are spilled and read back
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
            foreach (var (date, n) in dates.Select((d, n) => (d, n))) SpilledSource.Write(writer, EverythingSet(n) with { Occurred = date }, []);
        var reader = new SpilledSource.Reader(file.ToArray());

        // Then each has the date it was spilled with
        Assert.Equal(dates, dates.Select(_ => reader.Next().Source.Occurred));
        Assert.False(reader.More);
    }

    [Fact]
    public void makes_its_entry_json_byte_for_byte_as_a_stored_entry()
    {
        // Given entries of one and of several sources, with dates that repeat and dates that do not
        var writer = new SourceJsonWriter();
        var sources = new[]
        {
            EverythingSet(1), EverythingSet(2) with { Title = null, Evidence = "plain" },
            EverythingSet(3) with { Occurred = HistoricalDate.OfDay(2015, 9, 25) }, EverythingSet(4) with { Occurred = HistoricalDate.OfYear(2015, DateQualifier.Late) },
        };
        foreach (var entrySources in new[] { sources[..1], sources[1..2], sources, sources[2..] })
        {
            // When the rebuild writes their JSON, Then it is what the stored entry's serializer gives
            var entry = Corroboration.EntryBuilder.Build(entrySources);
            Assert.Equal(EntryJson.Serialize(entry), writer.Write(entry.Sources).ToArray());
        }
    }

    [Fact]
    public void is_written_by_hand_exactly_as_the_serializer_writes_the_stored_contract()
    {
        // Every optional field set and unset, no actors and no quotes, escapes, non-ASCII and extreme numbers.
        var sources = new[]
        {
            EverythingSet(1),
            EverythingSet(2) with { Place = null, Title = null, Outlet = null, Url = null, Published = null, Cameo = null, Gist = null, Name = null },
            EverythingSet(3) with { Actors = [], Quotes = [], Confidence = 1, Position = ulong.MaxValue, IngestedAtMs = long.MinValue },
            EverythingSet(4) with { Evidence = "tab\tnew line\n<b>&'\u0001 \\ \u2028", Confidence = 1e-7, Occurred = HistoricalDate.OfYear(1992) },
        };
        foreach (var source in sources)
            Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(source, EntryJson.SourceContract), EntryJson.SerializeSource(source));
    }
}
