using Timeline.Application;
using Timeline.Application.Timelines;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.Projections.ActorDirectory;
using Timeline.Projections.Tests.Support;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests;

/// <summary>
/// Articles name the IRPT only as "Islamic Renaissance Party of Tajikistan (IRPT)"; the ingestion gazetteer
/// (<c>actors.tsv</c>) knows more names for it. Queries accept every one of them.
/// </summary>
public sealed class an_actor_the_gazetteer_knows_by_names_no_article_used : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ProjectionHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ProjectionHarness(_folder.Path);
        await new ArticleBuilder("a1", DateTimeOffset.Parse("2024-01-01T00:00:00Z"))
            .Ban(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late), Irpt, designation: "terrorist organization")
            .Statement(HistoricalDate.OfDay(2020, 9, 16), Actor("Muhiddin Kabiri", ActorKind.Person, ActorRole.Speaker), "Sanctions are needed")
            .AppendTo(_harness.Store);
        await _harness.CatchUp();
    }

    [Theory]
    [InlineData("Islamic Renascence Party")]
    [InlineData("islamic revival party of tajikistan")]
    [InlineData("IRPT")]
    [InlineData("IRP")]
    public async Task its_timeline_is_found_by_each_gazetteer_name(string name)
    {
        // When the timeline is asked for by a name only the gazetteer knows
        var timeline = await _harness.Actor(name);

        // Then it is the IRPT's timeline
        Assert.Equal("irpt", timeline.Actor.Id);
        Assert.Equal("PartyBanned", Assert.Single(timeline.Entries).Type);
    }

    [Fact]
    public async Task its_aliases_list_the_gazetteer_names_besides_the_reported_one()
    {
        var timeline = await _harness.Actor("irpt");

        Assert.Equal("Islamic Renaissance Party of Tajikistan (IRPT)", timeline.Actor.Name);
        foreach (var alias in new[] { "Islamic Renascence Party", "Islamic Revival Party of Tajikistan", "IRPT", "IRP" })
            Assert.Contains(alias, timeline.Actor.Aliases);
        Assert.DoesNotContain(timeline.Actor.Name, timeline.Actor.Aliases);
        Assert.Equal(timeline.Actor.Aliases.Distinct().Count(), timeline.Actor.Aliases.Count);
    }

    [Fact]
    public async Task a_gazetteer_spelling_of_a_person_finds_the_person()
    {
        var timeline = await _harness.Actor("Mukhiddin Kabiri");

        Assert.Equal("muhiddin-kabiri", timeline.Actor.Id);
        Assert.Contains("Mukhiddin Kabiri", timeline.Actor.Aliases);
    }

    [Fact]
    public async Task the_directory_finds_the_actor_by_the_start_of_a_gazetteer_name_and_reports_its_aliases()
    {
        // When the directory is searched by a word only a gazetteer name has
        var found = Assert.Single(await _harness.Mediator.Send(new FindActors("Renascence")));

        // Then it lists the actor with its counts and every alias
        Assert.Equal("irpt", found.Id);
        Assert.Equal(1, found.EventCount);
        Assert.Contains("Islamic Renascence Party of Tajikistan", found.Aliases);
        Assert.Equal("irpt", Assert.Single(await _harness.Mediator.Send(new FindActors("IRP"))).Id);
    }

    [Fact]
    public async Task a_gazetteer_actor_the_log_never_mentions_is_not_found()
    {
        // Given the gazetteer knows "Emomali Rahmon", but no stored event names him
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _harness.Actor("Emomali Rahmon"));

        // Then there is no timeline to show, and the directory does not list him
        Assert.Equal("Emomali Rahmon", error.Query);
        Assert.Empty(await _harness.Mediator.Send(new FindActors("Rahmon")));
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class the_gazetteer_names_as_loaded_for_queries
{
    [Fact]
    public void give_every_name_of_a_row_to_its_id_and_the_acronym_as_a_lookup_key()
    {
        var known = GazetteerActorNames.Load();

        Assert.True(known.Count > 100, $"only {known.Count} actors loaded");
        Assert.Contains("Islamic Renascence Party", known.NamesOf("irpt"));
        Assert.Equal(["irpt"], known.IdsNamed(ActorDirectoryFold.NormalizeKey("IRPT")));
        Assert.Equal(["irpt"], known.IdsNamed(ActorDirectoryFold.NormalizeKey("Islamic Renascence Party")));
        Assert.Empty(known.NamesOf("no-such-actor"));
    }
}
