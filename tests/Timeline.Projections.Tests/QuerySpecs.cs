using Timeline.Application;
using Timeline.Application.Timelines;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.EventStore;
using Timeline.Projections.ReadModel;
using Timeline.Projections.Tests.Support;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests;

public sealed class a_log_that_grows_article_by_article : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;
    private LogPosition _afterFirst;
    private LogPosition _afterSecond;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        _afterFirst = await new ArticleBuilder("first", DateTimeOffset.Parse("2024-05-01T09:00:00Z"))
            .Ban(HistoricalDate.OfYear(2015), Irpt, designation: "terrorist organization").AppendTo(_harness.Store);
        _afterSecond = await new ArticleBuilder("second", DateTimeOffset.Parse("2024-05-02T09:00:00Z"))
            .Ban(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late), Irpt, designation: "extremist group").AppendTo(_harness.Store);
        await new ArticleBuilder("third", DateTimeOffset.Parse("2024-05-03T09:00:00Z"))
            .Ban(HistoricalDate.OfDay(2015, 10, 15), Irpt).AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task as_of_a_position_shows_the_entry_as_it_was_known_then()
    {
        var then = await _harness.Actor("irpt", new() { AsOf = _afterFirst.ToString() });
        var one = Assert.Single(then.Entries);
        Assert.Equal("2015", one.Occurred);
        Assert.Equal(1, one.Corroboration);

        var later = await _harness.Actor("irpt", new() { AsOf = _afterSecond.ToString() });
        var two = Assert.Single(later.Entries);
        Assert.Equal("2015-09-21/2015-09-30", two.Occurred);
        Assert.Equal(2, two.Corroboration);
        Assert.False(two.Disputed);

        var now = Assert.Single((await _harness.Actor("irpt")).Entries);
        Assert.True(now.Disputed);
        Assert.Equal(3, now.Corroboration);
    }

    [Fact]
    public async Task as_of_an_ingestion_date_shows_what_had_arrived_by_the_end_of_that_day()
    {
        var firstDay = await _harness.Country("TJ", new() { AsOf = "2024-05-01" });
        Assert.Equal(["first"], Assert.Single(firstDay.Entries).Sources.Select(s => s.ArticleId).ToArray());

        var secondDay = await _harness.Country("TJ", new() { AsOf = "2024-05-02T23:00:00Z" });
        Assert.Equal(["first", "second"], Assert.Single(secondDay.Entries).Sources.Select(s => s.ArticleId).ToArray());

        var before = await _harness.Country("TJ", new() { AsOf = "2024-04-30" });
        Assert.Empty(before.Entries);
    }

    [Fact]
    public async Task as_of_the_head_equals_the_live_answer()
    {
        var head = await _harness.Store.GetHeadPosition();
        var asOf = await _harness.Actor("irpt", new() { AsOf = head!.Value.ToString() });
        var live = await _harness.Actor("irpt");
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(live), System.Text.Json.JsonSerializer.Serialize(asOf));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class a_speaker_with_250_statements : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        var speaker = Actor("Saifullo Safarov", ActorKind.Person, ActorRole.Speaker);
        var start = new DateOnly(2010, 1, 1);
        for (var article = 0; article < 25; article++)
        {
            var builder = new ArticleBuilder($"p{article}", DateTimeOffset.Parse("2024-01-01T00:00:00Z").AddDays(article));
            for (var i = 0; i < 10; i++)
                builder.Statement(HistoricalDate.OfDay(start.AddDays(article * 10 + i)), speaker, $"statement number {article * 10 + i}");
            await builder.AppendTo(_harness.Store);
        }
        await _harness.CatchUp();
    }

    [Fact]
    public async Task pages_through_every_entry_once_in_order()
    {
        var seen = new List<TimelineEntryView>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _harness.Actor("safarov", new() { PageSize = 100, PageToken = token });
            Assert.Equal(250, page.TotalEntries);
            seen.AddRange(page.Entries);
            token = page.NextPageToken;
            pages++;
        } while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(seen.Select(e => e.Occurred).Order(StringComparer.Ordinal), seen.Select(e => e.Occurred));
    }

    [Fact]
    public async Task pages_the_same_way_as_of_a_position()
    {
        var head = await _harness.Store.GetHeadPosition();
        var first = await _harness.Actor("safarov", new() { PageSize = 100, AsOf = head.ToString() });
        var second = await _harness.Actor("safarov", new() { PageSize = 100, AsOf = head.ToString(), PageToken = first.NextPageToken });
        Assert.Equal(250, first.TotalEntries);
        Assert.Empty(first.Entries.Select(e => e.Id).Intersect(second.Entries.Select(e => e.Id)));
        Assert.Equal(100, second.Entries.Count);
    }

    [Fact]
    public async Task rejects_a_page_token_it_did_not_make()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("safarov", new() { PageToken = "bm9wZQ" }));
        Assert.Contains("page token", error.Message);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class requests_that_cannot_be_answered : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        await new ArticleBuilder("e1", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))
            .Statement(HistoricalDate.OfDay(2020, 9, 16), Actor("Muhiddin Kabiri", ActorKind.Person, ActorRole.Speaker), "Sanctions are needed")
            .Ban(HistoricalDate.OfYear(2015), Irpt)
            .AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Theory]
    [InlineData("2020", "2015", "empty")]
    [InlineData("2015-13", null, "--from")]
    [InlineData(null, "yesterday", "--to")]
    public async Task bad_dates_are_invalid_requests(string? from, string? to, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("irpt", new() { From = from, To = to }));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task an_unknown_event_type_is_an_invalid_request_that_lists_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("irpt", new() { Types = ["PartyFounded"] }));
        Assert.Contains("PartyBanned, ConferenceHeld, InternetOutage, StatementMade", error.Message);
    }

    [Fact]
    public async Task an_empty_actor_and_a_bad_as_of_are_invalid_requests()
    {
        await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("  "));
        await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("irpt", new() { AsOf = "last tuesday" }));
        await Assert.ThrowsAsync<InvalidRequestException>(() => _harness.Actor("irpt", new() { PageSize = 0 }));
    }

    [Fact]
    public async Task an_unknown_actor_is_not_found_with_close_names_suggested()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _harness.Actor("Muhidin Kabri"));
        Assert.Equal(["Muhiddin Kabiri"], error.Suggestions);
        Assert.Contains("Did you mean: Muhiddin Kabiri?", error.Message);

        var prefix = await Assert.ThrowsAsync<NotFoundException>(() => _harness.Actor("Islamic Ren"));
        Assert.Contains("Islamic Renaissance Party of Tajikistan (IRPT)", prefix.Suggestions);
    }

    [Fact]
    public async Task a_misspelt_single_word_of_a_name_suggests_the_actor_with_that_word()
    {
        // Given the seed actors (InitializeAsync); When one word of a name is misspelt
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _harness.Actor("Kabry"));

        // Then the actor whose surname is two edits away is suggested
        Assert.Contains("Muhiddin Kabiri", error.Suggestions);
    }

    [Fact]
    public async Task an_unknown_country_is_not_found_with_close_names_suggested()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _harness.Country("Tajikstan"));
        Assert.Contains("TJ (Tajikistan)", error.Suggestions);
    }

    [Fact]
    public async Task a_real_country_with_nothing_recorded_has_an_empty_timeline()
    {
        var de = await _harness.Country("de");
        Assert.Empty(de.Entries);
        Assert.Equal("Germany", de.Country.Name);
    }

    [Fact]
    public async Task the_directory_finds_actors_by_prefix_alias_and_acronym()
    {
        var all = await _harness.Mediator.Send(new FindActors(null));
        Assert.Equal(2, all.Count);
        Assert.Equal("muhiddin-kabiri", Assert.Single(await _harness.Mediator.Send(new FindActors("muh"))).Id);
        Assert.Equal("muhiddin-kabiri", Assert.Single(await _harness.Mediator.Send(new FindActors("kab"))).Id);
        var irpt = Assert.Single(await _harness.Mediator.Send(new FindActors("IRPT")));
        Assert.Equal(1, irpt.EventCount);
        Assert.Equal("2015", irpt.FirstDate);
        Assert.Empty(await _harness.Mediator.Send(new FindActors("zzz")));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>
/// Small timelines are ordered in memory and large ones in SQL: both must give the same pages, ties on the date
/// included (entries of one day are ordered by log position, then id).
/// </summary>
public sealed class timelines_ordered_in_memory_and_in_sql : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        var speakers = new[] { "Saifullo Safarov", "Emomali Rahmon", "Muhiddin Kabiri" }
            .Select(name => Actor(name, ActorKind.Person, ActorRole.Speaker)).ToArray();
        for (var article = 0; article < 6; article++)
        {
            var builder = new ArticleBuilder($"o{article}", DateTimeOffset.Parse("2024-01-01T00:00:00Z").AddDays(article));
            for (var i = 0; i < 10; i++)
            {
                var n = article * 10 + i;
                // Nine entries share each day; words unique to each statement keep them apart.
                builder.Statement(HistoricalDate.OfDay(new DateOnly(2015, 1, 1).AddDays(n / 9)), speakers[n % 3], $"alpha{n} beta{n} gamma{n}");
            }
            await builder.AppendTo(_harness.Store);
        }
        await _harness.CatchUp();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2015-01-02", "2015-01-05")]
    public void give_the_same_pages_for_a_country_and_for_an_actor(string? from, string? to)
    {
        using var inMemory = new TimelineQueries(_harness.Database);
        using var inSql = new TimelineQueries(_harness.Database, orderInMemoryUpTo: 0);
        var actor = inMemory.ResolveActor("safarov").Actor!.Id;
        var query = new EntryQuery
        {
            PageSize = 7,
            From = from is null ? null : DateOnly.Parse(from),
            To = to is null ? null : DateOnly.Parse(to),
        };

        var countryPages = Pages(q => inMemory.CountryTimeline("TJ", q), query);
        Assert.Equal(countryPages, Pages(q => inSql.CountryTimeline("TJ", q), query));
        Assert.Equal(Pages(q => inSql.ActorTimeline(actor, q), query), Pages(q => inMemory.ActorTimeline(actor, q), query));
        if (from is null) Assert.Equal(60, countryPages.Sum(p => p.Ids.Split(' ').Length));
    }

    private static List<(int Total, string Ids, string? Next)> Pages(Func<EntryQuery, EntryPage> ask, EntryQuery first)
    {
        var pages = new List<(int, string, string?)>();
        var query = first;
        while (true)
        {
            var page = ask(query);
            pages.Add((page.Total, string.Join(' ', page.Entries.Select(e => e.Id)), page.NextPageToken));
            if (page.NextPageToken is null) return pages;
            query = query with { PageToken = page.NextPageToken };
        }
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}
