using Timeline.Domain.Events;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Extraction;
using Timeline.Ingestion.Reading;
using Timeline.Ingestion.Tests.Scoring;
using Timeline.Ingestion.Tests.Support;
using Xunit.Abstractions;

namespace Timeline.Ingestion.Tests;

/// <summary>
/// The two seed articles (read from ../shared/seeds, never copied): every must-have event is found and none of the
/// listed non-events, with and without a publication date. The gold in SeedGold/ holds names and dates only.
/// </summary>
public class the_seed_articles(ITestOutputHelper output)
{
    public static TheoryData<string, string?> Seeds => new()
    {
        { "000_d4b532140271dcb4", null },
        { "000_d4b532140271dcb4", "2017-07-31" },
        { "002_443e01f6a42bf756", null },
        { "002_443e01f6a42bf756", "2020-09-18" },
    };

    private static IReadOnlyList<TimelineEvent> ExtractSeed(string name, string? published)
    {
        var path = Path.Combine(RepoPaths.Seeds, name + ".txt");
        Assert.True(File.Exists(path), $"seed {path} not found (CI keeps ../shared beside the checkout)");
        var read = Assert.IsType<ReadOutcome.Read>(Assert.Single(ArticleFileReader.Read(path)));
        return ArticleExtractor.Default.Extract(read.Article, published is null ? null : DateOnly.Parse(published)).Events;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void yield_every_must_have_event_and_no_listed_non_event(string name, string? published)
    {
        // Given a seed and its gold
        var gold = GoldFile.Load(Path.Combine(RepoPaths.SeedGold, name + ".gold.json"));

        // When it is extracted
        var events = ExtractSeed(name, published);
        var score = Scorer.Score(name, events, gold.Events, gold.NonEvents);
        foreach (var e in events) output.WriteLine(DevSetRun.Describe(e));

        // Then every gold event is matched and no non-event was extracted
        Assert.All(score.Gold, p => Assert.True(p.Match is not null, $"missing {p.Gold}"));
        Assert.All(score.Violations, v => Assert.Fail($"non-event {v.NonEvent} extracted as {DevSetRun.Describe(v.Event)}"));
    }

    [Fact]
    public void the_irpt_is_one_actor_under_its_three_names_across_both_seeds()
    {
        var bans = ExtractSeed("000_d4b532140271dcb4", null).Concat(ExtractSeed("002_443e01f6a42bf756", null)).OfType<PartyBanned>().ToList();

        Assert.Equal(2, bans.Count);
        Assert.All(bans, b => Assert.Equal("irpt", b.Party.Value));
    }

    [Fact]
    public void without_a_publication_date_the_inferred_year_is_honest_about_itself()
    {
        // Given seed 002, whose year is only known from "since 1992 — 28 years"
        var path = Path.Combine(RepoPaths.Seeds, "002_443e01f6a42bf756.txt");
        var read = Assert.IsType<ReadOutcome.Read>(Assert.Single(ArticleFileReader.Read(path)));

        // When extracted with and without --published
        var inferred = ArticleExtractor.Default.Extract(read.Article);
        var given = ArticleExtractor.Default.Extract(read.Article, new DateOnly(2020, 9, 18));

        // Then the inferred publication is a year marked approximate, and confidence is lower than with the date given
        Assert.Equal("2020~", inferred.Published!.ToEdtf());
        Assert.Equal("2020-09-18", given.Published!.ToEdtf());
        var outage = inferred.Events.OfType<InternetOutage>().Single();
        var outageGiven = given.Events.OfType<InternetOutage>().Single();
        Assert.True(outage.Confidence < outageGiven.Confidence);
    }
}
