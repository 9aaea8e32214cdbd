using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// A realistic log for the replay benchmark: articles (an <c>ArticleIngested</c> and 1–6 timeline events each) about
/// 2,000 people and 300 parties in 12 countries, with dates of mixed precision, repeated reports that corroborate,
/// and one speaker (<see cref="HotActor"/>) with exactly 1,000 distinct statements for the query measurement.
/// Events go to the store 1,000 per append (many articles per append) so filling a million is quick.
/// </summary>
public static class ReplayWorkload
{
    public const string HotActor = "bench-hot-speaker";
    public const int HotEntries = 1000;

    private static readonly string[] Countries = ["TJ", "DE", "US", "RU", "KZ", "BY", "UZ", "KG", "TM", "AF", "TR", "FR"];

    public static async Task Fill(IEventStore store, long count)
    {
        var random = new Random(20240601);
        var people = Enumerable.Range(0, 2000)
            .Select(i => new EventActor(ActorId.Parse($"person-{i}"), $"Person {Name(i)}", ActorKind.Person, ActorRole.Speaker)).ToArray();
        var parties = Enumerable.Range(0, 300)
            .Select(i => new EventActor(ActorId.Parse($"party-{i}"), $"Party of {Name(i)} (P{i})", ActorKind.Party, ActorRole.BannedParty)).ToArray();
        var court = new EventActor(ActorId.Parse("supreme-court"), "Supreme Court", ActorKind.GovernmentBody, ActorRole.BanningAuthority);
        var hot = new EventActor(ActorId.Parse(HotActor), "Hot Speaker", ActorKind.Person, ActorRole.Speaker);
        var hotEvery = Math.Max(1, count / HotEntries / 2);

        var pending = new List<EventData>(1100);
        long written = 0, article = 0, append = 0, hotWritten = 0;
        var ingestedAt = DateTimeOffset.Parse("2024-01-01T00:00:00Z");
        while (written + pending.Count < count)
        {
            var id = ArticleId.Parse($"bench-{article++}");
            var n = 1 + random.Next(6);
            pending.Add(DomainEventSerializer.Serialize(new ArticleIngested
            {
                EventId = Guid.NewGuid(), ArticleId = id, Title = $"Report {article}", Outlet = "Bench Wire", Url = $"https://example.org/{article}",
                Published = HistoricalDate.OfDay(2024, 1 + (int)(article % 12), 1 + (int)(article % 28)), ContentHash = "00",
                IngestedAt = ingestedAt.AddSeconds(article), ExtractorVersion = "bench/1", EventCount = n,
            }));
            var source = new EventSource
            {
                ArticleId = id, Title = $"Report {article}", Outlet = "Bench Wire", Url = $"https://example.org/{article}",
                Published = HistoricalDate.OfDay(2024, 1 + (int)(article % 12), 1 + (int)(article % 28)),
                Evidence = "An evidence sentence of ordinary length that says who did what to whom, where and when it happened.",
                EvidenceSpan = new TextSpan(120, 101),
            };
            for (var k = 0; k < n && written + pending.Count < count; k++)
            {
                var country = CountryCode.Parse(Countries[random.Next(Countries.Length)]);
                TimelineEvent e;
                if (hotWritten < HotEntries && (written + pending.Count) % hotEvery == 0)
                {
                    // A distinct day and quote each time: 1,000 entries, none merging.
                    var day = new DateOnly(1990, 1, 1).AddDays((int)hotWritten * 9);
                    e = Statement(hot, HistoricalDate.OfDay(day), CountryCode.Parse("TJ"), source, $"Statement number {hotWritten} on matter {hotWritten * 7}", parties[0]);
                    hotWritten++;
                }
                else
                {
                    var year = 1995 + random.Next(30);
                    var date = random.Next(4) switch
                    {
                        0 => HistoricalDate.OfYear(year),
                        1 => HistoricalDate.OfMonth(year, 1 + random.Next(12)),
                        2 => HistoricalDate.OfMonth(year, 1 + random.Next(12), DateQualifier.Late),
                        _ => HistoricalDate.OfDay(year, 1 + random.Next(12), 1 + random.Next(28)),
                    };
                    e = random.Next(10) switch
                    {
                        < 5 => Statement(people[random.Next(people.Length)], date, country, source,
                            $"We will not accept what {parties[random.Next(parties.Length)].Name} did, said person {random.Next(50)}", parties[random.Next(parties.Length)]),
                        < 8 => new PartyBanned
                        {
                            EventId = Guid.NewGuid(), Occurred = date, Country = country, Actors = new[] { parties[random.Next(parties.Length)], court },
                            Source = source, Confidence = 0.6 + random.NextDouble() / 3, Cameo = PartyBanned.DefaultCameo,
                            Party = parties[random.Next(parties.Length)].Id, BanningAuthority = court.Id,
                            Designation = random.Next(2) == 0 ? "extremist group" : "terrorist organization",
                        },
                        < 9 => new ConferenceHeld
                        {
                            EventId = Guid.NewGuid(), Occurred = date, Country = country, Place = "Capital",
                            Actors = new[] { people[random.Next(people.Length)] with { Role = ActorRole.Participant } },
                            Source = source, Confidence = 0.7, Cameo = ConferenceHeld.DefaultCameo, Name = $"Forum {random.Next(20)}",
                            Format = MeetingFormat.InPerson, Attendance = 10 + random.Next(500),
                        },
                        _ => new InternetOutage
                        {
                            EventId = Guid.NewGuid(), Occurred = date, Country = country, Actors = ValueList<EventActor>.Empty,
                            Source = source, Confidence = 0.9, Cameo = InternetOutage.DefaultCameo, Extent = OutageExtent.National,
                            Networks = new[] { "mobile" }, DurationText = "about an hour",
                        },
                    };
                }
                pending.Add(DomainEventSerializer.Serialize(e, "bench/1"));
            }
            if (pending.Count >= 1000)
            {
                await store.AppendToStream($"article-bench-batch-{append++}", ExpectedRevision.NoStream, pending);
                written += pending.Count;
                pending = new List<EventData>(1100);
            }
        }
        if (pending.Count > 0) await store.AppendToStream($"article-bench-batch-{append}", ExpectedRevision.NoStream, pending);
    }

    private static StatementMade Statement(EventActor speaker, HistoricalDate date, CountryCode country, EventSource source, string quote, EventActor mentioned) => new()
    {
        EventId = Guid.NewGuid(), Occurred = date, Country = country,
        Actors = new[] { speaker with { Role = ActorRole.Speaker }, mentioned with { Role = ActorRole.Mentioned } },
        Source = source, Confidence = 0.75, Cameo = StatementMade.DefaultCameo, Speaker = speaker.Id,
        Quotes = new[] { quote }, Mentioned = new[] { mentioned.Id },
    };

    private static readonly string[] Syllables = ["ka", "bi", "ri", "mu", "hid", "din", "sa", "fa", "rov", "to", "jik", "zo"];

    private static string Name(int i) =>
        string.Concat(Syllables[i % 12], Syllables[i / 12 % 12], Syllables[i / 144 % 12]) is var s ? char.ToUpperInvariant(s[0]) + s[1..] + " " + i : "";
}
