using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.EventStore;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests.Support;

/// <summary>A seeded, varied log: bans that corroborate and dispute, statements, conferences, outages across countries.</summary>
public static class SampleLog
{
    private static readonly EventActor[] Parties =
    [
        Irpt,
        Actor("Group 24", ActorKind.Organization, ActorRole.BannedParty),
        Actor("Social Democratic Party", ActorKind.Party, ActorRole.BannedParty),
        Actor("National Alliance", ActorKind.Organization, ActorRole.BannedParty),
    ];

    private static readonly EventActor[] People =
    [
        Actor("Muhiddin Kabiri", ActorKind.Person, ActorRole.Speaker),
        Actor("Saifullo Safarov", ActorKind.Person, ActorRole.Speaker),
        Actor("Khudoberdi Kholiqnazar", ActorKind.Person, ActorRole.Speaker),
    ];

    private static readonly string[] Countries = ["TJ", "DE", "US", "RU", "KZ"];

    public static IReadOnlyList<ArticleBuilder> Articles(int count, int seed = 42)
    {
        var random = new Random(seed);
        var articles = new List<ArticleBuilder>();
        var start = DateTimeOffset.Parse("2024-03-01T08:00:00Z");
        for (var i = 0; i < count; i++)
        {
            var article = new ArticleBuilder($"sample-{i:D4}", start.AddHours(i)) { Published = HistoricalDate.OfDay(2020, 1 + i % 12, 1 + i % 28) };
            var events = 1 + random.Next(4);
            for (var k = 0; k < events; k++)
            {
                var year = 2013 + random.Next(6);
                var date = random.Next(4) switch
                {
                    0 => HistoricalDate.OfYear(year),
                    1 => HistoricalDate.OfMonth(year, 1 + random.Next(12)),
                    2 => HistoricalDate.OfMonth(year, 1 + random.Next(12), (DateQualifier)(2 + random.Next(3))),
                    _ => HistoricalDate.OfDay(year, 1 + random.Next(12), 1 + random.Next(28)),
                };
                var country = Countries[random.Next(Countries.Length)];
                switch (random.Next(4))
                {
                    case 0:
                        article.Ban(date, Parties[random.Next(Parties.Length)], Actor("Supreme Court", ActorKind.GovernmentBody, ActorRole.BanningAuthority),
                            random.Next(2) == 0 ? "terrorist organization" : "extremist group", country, 0.5 + random.NextDouble() / 2);
                        break;
                    case 1:
                        article.Statement(date, People[random.Next(People.Length)], Quotes[random.Next(Quotes.Length)], country,
                            [Parties[random.Next(Parties.Length)]]);
                        break;
                    case 2:
                        article.Conference(date, $"Forum {random.Next(3)}", country == "DE" ? "Dortmund" : "Capital", country,
                            [People[random.Next(People.Length)] with { Role = ActorRole.Participant }]);
                        break;
                    default:
                        article.Outage(date, country, $"about {1 + random.Next(5)} hours");
                        break;
                }
            }
            articles.Add(article);
        }
        return articles;
    }

    private static readonly string[] Quotes =
    [
        "The opposition is weaker than ever before",
        "We demand the release of political prisoners",
        "Security services are watching every meeting abroad",
        "Peace accords must be respected by every side",
    ];

    public static async Task<LogPosition> AppendAll(IEventStore store, IEnumerable<ArticleBuilder> articles)
    {
        var last = LogPosition.Start;
        foreach (var a in articles) last = await a.AppendTo(store);
        return last;
    }
}
