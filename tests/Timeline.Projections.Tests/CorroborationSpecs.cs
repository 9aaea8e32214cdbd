using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Projections.Tests.Support;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests;

/// <summary>The IRPT ban of 2015 as the two seed articles report it (seeds/README.md): one says 2015, the other late September 2015.</summary>
public sealed class the_2015_irpt_ban_reported_by_both_seed_articles : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        var supremeCourt = Actor("Supreme Court of Tajikistan", ActorKind.GovernmentBody, ActorRole.BanningAuthority);
        var government = Actor("Tajik government", ActorKind.GovernmentBody, ActorRole.BanningAuthority, "government-of-tajikistan");
        await new ArticleBuilder("seed-000", DateTimeOffset.Parse("2024-01-01T10:00:00Z")) { Outlet = "Central Asian news site" }
            .Ban(HistoricalDate.OfYear(2015), Irpt, supremeCourt, "terrorist organization", confidence: 0.8)
            .AppendTo(_harness.Store);
        await new ArticleBuilder("seed-002", DateTimeOffset.Parse("2024-01-02T10:00:00Z")) { Outlet = "The Diplomat" }
            .Ban(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late), Irpt with { Name = "IRPT" }, government, "extremist group", confidence: 0.7)
            .AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task shows_one_entry_with_both_sources_dated_late_september_2015()
    {
        // Given both articles ingested (InitializeAsync)
        // When the IRPT's timeline is asked for by its acronym
        var timeline = await _harness.Actor("IRPT");

        // Then the ban is one entry, both articles are its sources, and the date is the narrower of the two
        var ban = Assert.Single(timeline.Entries);
        Assert.Equal("PartyBanned", ban.Type);
        Assert.Equal(2, ban.Corroboration);
        Assert.Equal(["seed-000", "seed-002"], ban.Sources.Select(s => s.ArticleId).ToArray());
        Assert.Equal("2015-09-21/2015-09-30", ban.Occurred);
        Assert.Equal("late Sep 2015", ban.OccurredDisplay);
        Assert.False(ban.Disputed);
        Assert.Equal("IRPT designated a terrorist organization by Supreme Court of Tajikistan", ban.Summary);
        Assert.True(ban.Confidence > 0.8, "two independent reports are more credible than either");
    }

    [Fact]
    public async Task country_timeline_shows_the_same_single_entry()
    {
        var tj = await _harness.Country("tj");
        var ban = Assert.Single(tj.Entries);
        Assert.Equal(2, ban.Corroboration);
        Assert.Equal("Tajikistan", tj.Country.Name);
    }

    [Fact]
    public async Task the_actor_is_found_by_id_full_name_acronym_and_initials_with_every_name_as_alias()
    {
        foreach (var asked in new[] { "irpt", "Islamic Renaissance Party of Tajikistan", "Islamic Renaissance Party of Tajikistan (IRPT)", "IRPT" })
        {
            var timeline = await _harness.Actor(asked);
            Assert.Equal("irpt", timeline.Actor.Id);
        }
        var irpt = (await _harness.Actor("irpt")).Actor;
        Assert.Equal("party", irpt.Kind);
        Assert.Contains("IRPT", irpt.Aliases.Append(irpt.Name));
        Assert.Contains("Islamic Renaissance Party of Tajikistan (IRPT)", irpt.Aliases.Append(irpt.Name));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class reports_of_one_ban_that_disagree_on_the_date : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        await new ArticleBuilder("a1", DateTimeOffset.Parse("2024-01-01T00:00:00Z")).Ban(HistoricalDate.OfMonth(2015, 9), Irpt).AppendTo(_harness.Store);
        await new ArticleBuilder("a2", DateTimeOffset.Parse("2024-01-02T00:00:00Z")).Ban(HistoricalDate.OfDay(2015, 10, 20), Irpt).AppendTo(_harness.Store);
        // A ban five years later is another event, not a dispute.
        await new ArticleBuilder("a3", DateTimeOffset.Parse("2024-01-03T00:00:00Z")).Ban(HistoricalDate.OfYear(2020), Irpt).AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task keeps_both_sources_in_one_entry_marked_disputed_with_both_dates()
    {
        var timeline = await _harness.Actor("irpt");

        Assert.Equal(2, timeline.Entries.Count);
        var disputed = timeline.Entries[0];
        Assert.True(disputed.Disputed);
        Assert.Equal(2, disputed.Corroboration);
        Assert.Equal(["2015-09", "2015-10-20"], disputed.DisputedDates.ToArray());
        Assert.Equal("2015-09", disputed.Occurred);
        Assert.False(timeline.Entries[1].Disputed);
        Assert.Equal("2020", timeline.Entries[1].Occurred);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class bans_of_one_party_years_apart : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        await new ArticleBuilder("a1", DateTimeOffset.Parse("2024-01-01T00:00:00Z")).Ban(HistoricalDate.OfMonth(2015, 9), Irpt).AppendTo(_harness.Store);
        await new ArticleBuilder("a2", DateTimeOffset.Parse("2024-01-02T00:00:00Z")).Ban(HistoricalDate.OfYear(2014), Irpt).AppendTo(_harness.Store);
        await new ArticleBuilder("a3", DateTimeOffset.Parse("2024-01-03T00:00:00Z")).Ban(HistoricalDate.OfYear(2016), Irpt).AppendTo(_harness.Store);
        await new ArticleBuilder("a4", DateTimeOffset.Parse("2024-01-04T00:00:00Z")).Ban(HistoricalDate.OfMonth(2015, 3), Irpt).AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task are_separate_undisputed_entries_rather_than_one_disputed_ban()
    {
        var timeline = await _harness.Actor("irpt");

        Assert.Equal(["2014", "2015-03", "2015-09", "2016"], timeline.Entries.Select(e => e.Occurred).ToArray());
        Assert.All(timeline.Entries, e => Assert.False(e.Disputed));
        Assert.All(timeline.Entries, e => Assert.Equal(1, e.Corroboration));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class statements_by_one_speaker : IAsyncLifetime
{
    private static readonly EventActor Safarov = Actor("Saifullo Safarov", ActorKind.Person, ActorRole.Speaker);
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        var day = HistoricalDate.OfDay(2017, 7, 30);
        await new ArticleBuilder("s1", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))
            .Statement(day, Safarov, "Only sixty people came to the gathering in Germany, which shows the weakness of the opposition")
            .AppendTo(_harness.Store);
        await new ArticleBuilder("s2", DateTimeOffset.Parse("2024-01-02T00:00:00Z"))
            .Statement(day, Safarov, "only sixty people came to the gathering, showing the opposition's weakness")
            .Statement(day, Safarov, "Our national security services watch every foreign meeting closely")
            .Statement(HistoricalDate.OfDay(2017, 7, 10), Safarov, "Only sixty people came to the gathering in Germany")
            .AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task merge_only_when_speaker_date_and_quote_overlap()
    {
        var timeline = await _harness.Actor("Saifullo Safarov");

        Assert.Equal(3, timeline.TotalEntries);
        Assert.Equal(["2017-07-10", "2017-07-30", "2017-07-30"], timeline.Entries.Select(e => e.Occurred).ToArray());
        var merged = Assert.Single(timeline.Entries, e => e.Corroboration == 2);
        Assert.Contains("sixty", merged.Summary);
        Assert.All(timeline.Entries, e => Assert.False(e.Disputed));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class a_timeline_with_dates_of_mixed_precision : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        var kabiri = Actor("Muhiddin Kabiri", ActorKind.Person, ActorRole.Participant);
        await new ArticleBuilder("m1", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))
            .Conference(HistoricalDate.OfDay(2017, 7, 9), "Conference of the opposition", "Dortmund", "DE", [kabiri], attendance: 60)
            .Statement(HistoricalDate.OfMonth(2017, 7), kabiri with { Role = ActorRole.Speaker }, "We will keep working for peace")
            .Statement(HistoricalDate.OfYear(2017), kabiri with { Role = ActorRole.Speaker }, "The accords must be honoured")
            .Statement(HistoricalDate.OfDay(2017, 1, 1), kabiri with { Role = ActorRole.Speaker }, "A new year of struggle begins")
            .AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task orders_by_lower_bound_then_precision_and_never_invents_a_day()
    {
        var timeline = await _harness.Actor("Kabiri");

        Assert.Equal(["2017-01-01", "2017", "2017-07", "2017-07-09"], timeline.Entries.Select(e => e.Occurred).ToArray());
        Assert.Equal(["2017-01-01", "2017", "Jul 2017", "2017-07-09"], timeline.Entries.Select(e => e.OccurredDisplay).ToArray());
        Assert.Equal("DE", timeline.Entries[3].Country);
        Assert.Equal("Dortmund", timeline.Entries[3].Place);
        Assert.Equal("Conference of the opposition held in Dortmund, with Muhiddin Kabiri; about 60 attended", timeline.Entries[3].Summary);
    }

    [Fact]
    public async Task filters_by_date_range_and_type()
    {
        var july = await _harness.Actor("muhiddin-kabiri", new() { From = "2017-07", To = "2017-07" });
        // "2017" can mean July 2017, so it stays; only 2017-01-01 falls outside.
        Assert.Equal(["2017", "2017-07", "2017-07-09"], july.Entries.Select(e => e.Occurred).ToArray());

        var conferences = await _harness.Actor("muhiddin-kabiri", new() { Types = ["conferenceheld"] });
        Assert.Equal("ConferenceHeld", Assert.Single(conferences.Entries).Type);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>
/// The date of an entry is defined report by report: a report that overlaps the entry's date so far agrees, and the
/// date becomes <see cref="Timeline.Projections.Corroboration.EntryBuilder.MostPrecise"/> of the agreeing reports.
/// </summary>
public sealed class an_entry_that_gathers_many_reports_of_mixed_precision
{
    [Fact]
    public void has_the_date_and_disputes_that_the_report_by_report_definition_gives()
    {
        var random = new Random(7);
        for (var entry = 0; entry < 400; entry++)
        {
            // Given up to 60 reports of one outage, dated by year, month, part of a month or day, mostly in one year
            var count = 1 + random.Next(60);
            var sources = Enumerable.Range(0, count).Select(i => Report(i, RandomDate(random))).ToList();

            // When the entry is built from them
            var built = Timeline.Projections.Corroboration.EntryBuilder.Build(sources);

            // Then its date, dispute flag and disputed dates are those of the definition
            var (date, disputing) = ByDefinition(sources);
            Assert.Equal(date.ToEdtf(), built.Occurred.ToEdtf());
            Assert.Equal(disputing.Count > 0, built.Disputed);
            if (disputing.Count > 0)
                Assert.Equal(new[] { date.ToEdtf() }.Concat(disputing.Select(d => d.ToEdtf())).Distinct(), built.DisputedDates);
        }
    }

    [Fact]
    public void joined_report_by_report_is_the_entry_built_from_all_its_reports_and_an_earlier_version_does_not_change()
    {
        var random = new Random(11);
        for (var entry = 0; entry < 200; entry++)
        {
            // Given up to 40 reports from fewer articles, with places, actors and confidences that vary
            var count = 2 + random.Next(40);
            var sources = Enumerable.Range(0, count).Select(i => Report(i, RandomDate(random)) with
            {
                ArticleId = $"a-{random.Next(count / 2 + 1)}",
                Confidence = Math.Round(0.3 + random.NextDouble() * 0.7, 2),
                Place = random.Next(3) == 0 ? $"City {random.Next(3)}" : null,
                Actors = [new Timeline.Projections.Model.EntryActor($"actor-{random.Next(4)}", "Someone", "person", "affected")],
            }).ToList();

            // When the entry is joined one report at a time, keeping the version after the first join
            var joined = Timeline.Projections.Corroboration.EntryBuilder.Build([sources[0]]);
            Timeline.Projections.Model.TimelineEntry? early = null;
            string? earlyJson = null;
            foreach (var s in sources.Skip(1))
            {
                joined = Timeline.Projections.Corroboration.EntryBuilder.Joined(joined, s);
                if (early is null)
                {
                    early = joined;
                    earlyJson = Describe(early);
                }
            }

            // Then it is the entry the definition gives for all reports, the same as building it from all at once, and
            // the early version still shows only its two reports
            var (date, _) = ByDefinition(sources);
            var agreeing = sources.Where((src, i) => i == 0 || AgreesByDefinition(sources, i)).ToList();
            Assert.Equal(date.ToEdtf(), joined.Occurred.ToEdtf());
            Assert.Equal(agreeing.Select(a => a.Place).FirstOrDefault(p => !string.IsNullOrEmpty(p)), joined.Place);
            Assert.Equal(agreeing.Aggregate((h, a) => a.Confidence > h.Confidence ? a : h).Summary, joined.Summary);
            Assert.Equal(sources.SelectMany(a => a.Actors).Select(a => a.Id).Distinct(), joined.Actors.Select(a => a.Id));
            var byArticle = sources.GroupBy(a => a.ArticleId).Select(g => g.Max(a => a.Confidence)).ToList();
            Assert.Equal(byArticle.Count, joined.Corroboration);
            Assert.Equal(Math.Round(1 - byArticle.Aggregate(1.0, (d, c) => d * (1 - c)), 3), joined.Confidence, 3);
            Assert.Equal(sources.Select(a => a.EventId), joined.Sources.Select(a => a.EventId));
            Assert.Equal(Describe(Timeline.Projections.Corroboration.EntryBuilder.Build(sources)), Describe(joined));
            Assert.Equal(earlyJson, Describe(early!));
            Assert.Equal(Describe(Timeline.Projections.Corroboration.EntryBuilder.Build(sources.Take(2).ToList())), Describe(early!));
        }
    }

    private static bool AgreesByDefinition(List<Timeline.Projections.Model.EntrySource> sources, int index)
    {
        var (_, disputing) = ByDefinition(sources.Take(index + 1).ToList());
        var (_, before) = ByDefinition(sources.Take(index).ToList());
        return disputing.Count == before.Count;
    }

    private static string Describe(Timeline.Projections.Model.TimelineEntry e) =>
        System.Text.Json.JsonSerializer.Serialize(e with { Sources = e.Sources.ToArray(), Actors = e.Actors.ToArray() });

    private static (HistoricalDate Date, List<HistoricalDate> Disputing) ByDefinition(List<Timeline.Projections.Model.EntrySource> sources)
    {
        var agreeing = new List<Timeline.Projections.Model.EntrySource> { sources[0] };
        var disputing = new List<HistoricalDate>();
        var occurred = sources[0].Occurred;
        foreach (var s in sources.Skip(1))
        {
            if (s.Occurred.Overlaps(occurred))
            {
                agreeing.Add(s);
                occurred = Timeline.Projections.Corroboration.EntryBuilder.MostPrecise(agreeing);
            }
            else disputing.Add(s.Occurred);
        }
        return (occurred, disputing);
    }

    private static HistoricalDate RandomDate(Random random)
    {
        var year = 2019 + random.Next(2);
        var month = 1 + random.Next(12);
        return random.Next(6) switch
        {
            5 => HistoricalDate.OfMonth(year, month, DateQualifier.Approximate),
            0 => HistoricalDate.OfYear(year),
            1 => HistoricalDate.OfMonth(year, month),
            2 => HistoricalDate.OfMonth(year, month, DateQualifier.Late),
            3 => HistoricalDate.OfMonth(year, month, DateQualifier.Early),
            _ => HistoricalDate.OfDay(year, month, 1 + random.Next(28)),
        };
    }

    private static Timeline.Projections.Model.EntrySource Report(int i, HistoricalDate date) => new()
    {
        EventId = Guid.NewGuid(), Position = (ulong)i + 1, IngestedAtMs = i, Key = "InternetOutage||KG", Type = "InternetOutage",
        Country = "KG", Occurred = date, Actors = [], ArticleId = $"a-{i}", Evidence = "Mobile internet was cut.",
        Confidence = 0.8, Summary = "Internet outage in Kyrgyzstan",
    };
}
