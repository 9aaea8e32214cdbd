using Timeline.Application.Timelines;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Projections.Tests.Support;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests;

/// <summary>Queries keep recent answers; the same question after the log moved on must get the new answer.</summary>
public sealed class a_timeline_asked_for_again_after_more_articles_arrived : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;
    private static readonly Timeline.Domain.Actors.EventActor Speaker = Actor("Saifullo Safarov", ActorKind.Person, ActorRole.Speaker);

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        await new ArticleBuilder("c1", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))
            .Statement(HistoricalDate.OfDay(2017, 7, 10), Speaker, "first words").AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Fact]
    public async Task shows_the_new_entries_and_the_new_directory_counts()
    {
        // Given the timeline, a page and the directory were asked for (and kept)
        Assert.Single((await _harness.Actor("safarov")).Entries);
        Assert.Equal(1, Assert.Single(await _harness.Mediator.Send(new FindActors("safarov"))).EventCount);
        Assert.Single((await _harness.Country("TJ")).Entries);

        // When another article is projected
        await new ArticleBuilder("c2", DateTimeOffset.Parse("2024-01-02T00:00:00Z"))
            .Statement(HistoricalDate.OfDay(2018, 1, 5), Speaker, "second words").AppendTo(_harness.Store);
        await _harness.CatchUp();

        // Then the same questions get the new answers
        var timeline = await _harness.Actor("safarov");
        Assert.Equal(["2017-07-10", "2018-01-05"], timeline.Entries.Select(e => e.Occurred).ToArray());
        Assert.Equal(2, timeline.TotalEntries);
        Assert.Equal(2, Assert.Single(await _harness.Mediator.Send(new FindActors("safarov"))).EventCount);
        Assert.Equal(2, (await _harness.Country("TJ")).Entries.Count);
    }

    [Fact]
    public async Task a_different_question_about_an_entry_read_before_shows_the_source_that_joined_it_since()
    {
        // Given the statement's entry was read (and its decoded row kept)
        Assert.Equal(1, Assert.Single((await _harness.Actor("safarov")).Entries).Corroboration);

        // When a second article reports the same statement
        await new ArticleBuilder("c2", DateTimeOffset.Parse("2024-01-02T00:00:00Z"))
            .Statement(HistoricalDate.OfDay(2017, 7, 10), Speaker, "first words").AppendTo(_harness.Store);
        await _harness.CatchUp();

        // Then a question never asked before (another date range) shows the entry with both sources
        var entry = Assert.Single((await _harness.Actor("safarov", new TimelineFilter { From = "2017-01-01" })).Entries);
        Assert.Equal(2, entry.Corroboration);
        Assert.Equal(["c1", "c2"], entry.Sources.Select(s => s.ArticleId).ToArray());
    }

    [Fact]
    public async Task after_a_replay_swap_answers_from_the_new_generation_equal_the_old_ones()
    {
        // Given answers kept from the generation the runner built live
        var before = System.Text.Json.JsonSerializer.Serialize(await _harness.Snapshot());

        // When a replay builds a new generation and swaps it in
        await _harness.Runner.Replay();

        // Then the answers are the same, and still follow the log afterwards
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await _harness.Snapshot()));
        await new ArticleBuilder("c3", DateTimeOffset.Parse("2024-01-03T00:00:00Z"))
            .Statement(HistoricalDate.OfDay(2019, 3, 1), Speaker, "third words").AppendTo(_harness.Store);
        await _harness.CatchUp();
        Assert.Equal(2, (await _harness.Actor("safarov")).TotalEntries);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}
