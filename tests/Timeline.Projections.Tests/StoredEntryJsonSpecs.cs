using System.Text;
using Timeline.Domain.Dates;
using Timeline.Projections.Corroboration;
using Timeline.Projections.Model;
using Timeline.Projections.ReadModel;

namespace Timeline.Projections.Tests;

/// <summary>
/// A replay appends each new source to the entry's stored JSON (<see cref="GrowingEntryJson"/>) instead of serializing
/// every source again; what it stores must be exactly what serializing the joined entry stores, or replayed and live
/// read models would differ.
/// </summary>
public sealed class stored_entry_json
{
    private static EntrySource Source(int n, string evidence) => new()
    {
        EventId = Guid.Parse($"00000000-0000-0000-0000-{n:D12}"),
        Position = (ulong)(100 + n),
        IngestedAtMs = 1_700_000_000_000 + n,
        Key = "PartyBanned|irpt|TJ",
        Type = "PartyBanned",
        Country = "TJ",
        Occurred = n == 1 ? HistoricalDate.OfYear(2015) : HistoricalDate.OfMonth(2015, 9, DateQualifier.Late),
        Actors = [new EntryActor("irpt", "IRPT", "party", "banned-party")],
        ArticleId = $"article-{n}",
        Title = "Заголовок \"quoted\"",
        Evidence = evidence,
        Confidence = 0.8,
        Summary = "IRPT designated a terrorist organization",
    };

    [Fact]
    public void appending_a_source_gives_the_bytes_of_serializing_the_joined_entry()
    {
        // Given an entry of one source, stored
        var first = Source(1, "The court banned the party in 2015 — «a terrorist organization».");
        var stored = EntryJson.Serialize(EntryBuilder.Build([first]));

        // When a second report joins it, by appending
        var second = Source(2, "Late in September 2015 the party was banned.\nA second line.");
        var appended = Grown(stored, second);

        // Then the bytes are those of the joined entry serialized whole, and they read back as both sources
        var joined = EntryBuilder.Joined(EntryBuilder.Build([first]), second);
        Assert.Equal(Encoding.UTF8.GetString(EntryJson.Serialize(joined)), Encoding.UTF8.GetString(appended));
        var read = EntryJson.DeserializeSources(appended);
        Assert.Equal([first.EventId, second.EventId], read.Select(s => s.EventId).ToArray());
        Assert.Equal([first.Evidence, second.Evidence], read.Select(s => s.Evidence).ToArray());
    }

    [Fact]
    public void appending_several_sources_at_once_gives_the_bytes_of_serializing_them_all()
    {
        var sources = new[] { Source(5, "First."), Source(6, "Second."), Source(7, "Third.") };
        var all = EntryBuilder.Joined(EntryBuilder.Joined(EntryBuilder.Build([sources[0]]), sources[1]), sources[2]);

        Assert.Equal(EntryJson.Serialize(all), Grown("[]"u8.ToArray(), sources));
        Assert.Equal(EntryJson.Serialize(all), Grown(EntryJson.Serialize(EntryBuilder.Build([sources[0]])), sources[1..]));
    }

    [Fact]
    public void appending_to_an_empty_array_gives_an_entry_of_one_source()
    {
        var only = Source(3, "One report.");
        Assert.Equal(EntryJson.Serialize(EntryBuilder.Build([only])), Grown("[]"u8.ToArray(), only));
    }

    [Fact]
    public void stored_json_that_is_not_an_array_of_sources_is_refused()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => Grown("{}"u8.ToArray(), Source(4, "x")));
    }

    /// <summary>What a replay writes for <paramref name="stored"/> once <paramref name="sources"/> joined it.</summary>
    private static byte[] Grown(byte[] stored, params EntrySource[] sources)
    {
        var json = new GrowingEntryJson(stored);
        foreach (var source in sources) json.Add(source);
        var buffer = json.Rent(out var length);
        Assert.Equal(json.Length, length);
        var bytes = buffer.AsSpan(0, length).ToArray();
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        return bytes;
    }
}
