using System.Text.Json;
using System.Text.Json.Serialization;
using Timeline.Domain.Dates;

namespace Timeline.Ingestion.Tests.Scoring;

/// <summary>A gold annotation file (see /work/briefs/gold-format.md).</summary>
public sealed record GoldFile
{
    [JsonPropertyName("article")] public required string Article { get; init; }
    [JsonPropertyName("published")] public string? Published { get; init; }
    [JsonPropertyName("events")] public List<GoldEvent> Events { get; init; } = [];
    [JsonPropertyName("nonEvents")] public List<GoldNonEvent> NonEvents { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static GoldFile Load(string path) =>
        JsonSerializer.Deserialize<GoldFile>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty.");
}

public sealed record GoldEvent
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("country")] public required string Country { get; init; }
    [JsonPropertyName("occurred")] public required string Occurred { get; init; }
    [JsonPropertyName("actors")] public List<string> Actors { get; init; } = [];
    [JsonPropertyName("note")] public string? Note { get; init; }

    public GoldDate Date => GoldDate.Parse(Occurred);
    public override string ToString() => $"{Type} {Country} {Occurred} [{string.Join(", ", Actors)}]";
}

/// <summary>
/// Something that must not be extracted. Dev-set entries name a text of the article (violated when an extracted event of the
/// type has evidence containing it); seed entries, which may not quote the seed, name a date, country or actor instead.
/// </summary>
public sealed record GoldNonEvent
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("occurred")] public string? Occurred { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("actors")] public List<string>? Actors { get; init; }
    [JsonPropertyName("why")] public string? Why { get; init; }

    public override string ToString() => $"{Type} {Text ?? ""}{Occurred ?? ""} {Country ?? ""} {string.Join(", ", Actors ?? [])} ({Why})";
}

/// <summary>A gold date: an EDTF date, or a general EDTF interval ("2022-08-08/2022-08-09", "2017-12/2018-01").</summary>
public readonly record struct GoldDate(DateOnly Lower, DateOnly Upper, DatePrecision Precision)
{
    public static GoldDate Parse(string edtf)
    {
        if (HistoricalDate.TryParseEdtf(edtf, out var date)) return new(date.LowerBound, date.UpperBound, date.Precision);
        var range = DateRange.ParseEdtf(edtf);
        return new(range.LowerBound, range.UpperBound, (DatePrecision)Math.Min((int)range.Start.Precision, (int)range.End.Precision));
    }

    public bool Overlaps(HistoricalDate d) => d.LowerBound <= Upper && Lower <= d.UpperBound;
}
